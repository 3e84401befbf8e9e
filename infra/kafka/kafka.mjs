// Same CLI as cli.js; the root package.json's "kafka" script points here.
import './cli.js';
