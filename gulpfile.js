const { task, src, dest, parallel } = require('gulp');

// tsc builds the code; n8n also needs the icons and the codex files beside it in dist/.
const copy = (from, to) => () => src(from).pipe(dest(to));

task(
	'build:assets',
	parallel(
		copy('nodes/**/*.{png,svg,json}', 'dist/nodes'),
		copy('credentials/**/*.{png,svg}', 'dist/credentials'),
	),
);
