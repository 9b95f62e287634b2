import { PRESETS } from '../model/presets';

/** Configurations to start from, on the first screen; each is a share link, so opening one replaces the form. */
export function PresetList() {
  return (
    <section className="presets" aria-labelledby="presets-heading">
      <h3 id="presets-heading">Start from a preset</h3>
      <ul className="plain-list">
        {PRESETS.map((preset) => (
          <li key={preset.id}>
            <a href={`#${preset.hash}`}>{preset.title}</a>
            <span className="choice-description"> {preset.description}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
