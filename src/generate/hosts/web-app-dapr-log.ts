/**
 * App Service Web App: the printed read of daprd's own log, for the user to run once the app has restarted.
 * The setup script does not run it, because no bounded read of a sidecar's log is confirmed:
 *
 * - `az webapp sitecontainers log` is get_webapp_sitecontainer_log (Azure/azure-cli
 *   src/azure-cli/azure/cli/command_modules/appservice/custom.py @00429bd3). It GETs
 *   <scm>/api/sitecontainers/<container>/logs on a daemon thread and then runs `while True: time.sleep(100)`
 *   "so that ctrl+c can stop the command". It never returns by itself, even after Kudu closes the stream, and
 *   no source says whether Kudu sends the lines already logged or only new ones.
 * - That thread's _get_log prints each streamed chunk with logger.warning. knack's console handler
 *   (knack 0.10.1 log.py, _CustomStreamHandler: logging.StreamHandler with no stream) writes to stderr, so a
 *   pipe needs `2>&1` or grep sees nothing. Without colour each chunk is "WARNING: <chunk>". A chunk is not a
 *   line, so rarely one daprd line can come out in two parts.
 * - `az webapp log download` (download_historical_logs) is bounded: it saves <scm>/dump to a file. But no source
 *   says what that zip holds for a sidecar on Linux: troubleshoot-diagnostic-logs.md (MicrosoftDocs/azure-docs
 *   @008643ca) gives /api/logs/docker/zip for Linux and names no sidecar log file.
 */
import { componentLogGrep } from './daprd-log-lines';
import { SIDECAR_NAME } from './web-app-sidecar';

/**
 * The start of the error _get_log raises when the SCM site does not answer 200 ("Failed to connect to '<url>'
 * with status code '<n>' and reason '<reason>'", custom.py). It is raised on the log thread, so Python's
 * threading.excepthook prints it to stderr while the command goes on waiting; 2>&1 sends it into the pipe,
 * and the grep keeps it.
 */
export const SCM_CONNECT_FAILED_TEXT = 'Failed to connect to ';

/**
 * The CLI's own errors, which 2>&1 also sends into the pipe: knack prints each as "ERROR: <message>" on
 * stderr (knack log.py, "%(levelname)s: %(message)s" without colour), as for an app not found, no sign-in,
 * or a CLI without the sitecontainers group; and _get_log logs "Log stream interrupted. Exiting live log
 * stream." with logger.error when the stream drops, after which the command waits on (custom.py @00429bd3).
 * Kept, so that neither ends in silence.
 */
export const CLI_ERROR_TEXT = 'ERROR: ';

/**
 * The log read to paste: the sidecar's log on stdout too (it is on stderr), filtered to these components.
 * `appArgs`: the app's --name and --resource-group as the user's shell takes them (hostArgsToPaste).
 */
export function sidecarLogCommand(names: readonly string[], appArgs: string): string {
  return (
    `az webapp sitecontainers log ${appArgs} --container-name ${SIDECAR_NAME}` +
    ` 2>&1 | ${componentLogGrep(names)} -e '${SCM_CONNECT_FAILED_TEXT}' -e '${CLI_ERROR_TEXT}'`
  );
}

/** How to use it: it does not end by itself, and it shows only what the platform sends. */
export function sidecarLogNote(names: readonly string[], appArgs: string): string {
  return (
    "The lines of these components, and the CLI's errors (the command streams the log on stderr, hence 2>&1,\n" +
    'and once it streams it does not end by itself, not even when the stream fails: once the lines are there,\n' +
    'stop it with Ctrl+C; not confirmed: that it shows lines logged before it started):\n' +
    `  ${sidecarLogCommand(names, appArgs)}`
  );
}
