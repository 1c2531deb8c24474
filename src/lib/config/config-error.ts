import { AppError } from '../oauth/errors.ts';

/**
 * config.json is missing or wrong. A page shows `field` and `hint` to whoever deploys the app, so
 * they can fix the file without reading code.
 */
export class ConfigError extends AppError {
  /** JSON path of the offending value, e.g. `stores[1].apiBase`; '' for the file as a whole. */
  readonly field: string;
  /** One sentence on how to fix it. */
  readonly hint: string;

  constructor(code: 'CONFIG_MISSING' | 'CONFIG_INVALID', field: string, hint: string, options?: { cause?: unknown }) {
    super(code, field === '' ? `config.json: ${hint}` : `config.json ${field}: ${hint}`, options);
    this.name = 'ConfigError';
    this.field = field;
    this.hint = hint;
  }
}
