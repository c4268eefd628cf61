#!/usr/bin/env node
// The CLI lives in the built package; this stable entry exists before a build so that pnpm can
// link the bin at install time.
import '../dist/cli.js';
