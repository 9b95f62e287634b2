"""The fake cloud's state: one JSON file in $FAKE_CLOUD_DIR, read at the start of a call, written at its end.

Every call is also appended to calls.jsonl there, so a test can see what the script ran, in order.
"""
import json
import os
import sys
import uuid

STATE_FILE = 'state.json'
CALLS_FILE = 'calls.jsonl'
# Ids the fake makes up are uuid5 names in this namespace: the same input gives the same id in every run.
ID_NAMESPACE = uuid.UUID('5f1c3a7e-2b4d-4c6e-8a9b-0c1d2e3f4a5b')


class FakeCloudError(Exception):
    """Stops a call: the message goes to stderr as is, the call exits with exit_code."""

    def __init__(self, message, exit_code=1):
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


def state_dir():
    directory = os.environ.get('FAKE_CLOUD_DIR')
    if not directory:
        sys.stderr.write('fake cloud: FAKE_CLOUD_DIR is not set (the directory holding state.json)\n')
        sys.exit(2)
    return directory


def load_state():
    with open(os.path.join(state_dir(), STATE_FILE), encoding='utf-8') as handle:
        return json.load(handle)


def save_state(state):
    path = os.path.join(state_dir(), STATE_FILE)
    with open(path + '.tmp', 'w', encoding='utf-8') as handle:
        json.dump(state, handle, indent=2, sort_keys=True)
    os.replace(path + '.tmp', path)


def record_call(program, argv):
    with open(os.path.join(state_dir(), CALLS_FILE), 'a', encoding='utf-8') as handle:
        handle.write(json.dumps({'program': program, 'argv': argv}) + '\n')


def stable_id(*parts):
    """An id derived from what it names (an identity's resource id): re-creating the thing keeps it."""
    return str(uuid.uuid5(ID_NAMESPACE, '|'.join(parts)))


def next_id(state, kind):
    """A new id each time (what the CLI's uuid4 gives), still reproducible from the state's counter."""
    state['sequence'] = state.get('sequence', 0) + 1
    return stable_id(kind, str(state['sequence']))
