// How Debian's Chromium is started for screenshots and the gates: the flags
// verified on these machines (TOOLCHAIN.md). Without the networking flags it
// tries to reach Google's hosts at every start, which this network refuses.
export const CHROMIUM_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
