#!/usr/bin/env node
// The `study-notes` command: the offline CLI, run through tsx so no build step is needed.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli.ts');
const { loadDotEnv } = await import('../src/env.ts');
loadDotEnv();
process.exitCode = await runCli(process.argv.slice(2), {
	stdout: process.stdout,
	stderr: process.stderr,
	stdin: process.stdin,
	env: process.env,
});
