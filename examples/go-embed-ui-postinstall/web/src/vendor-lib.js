export const vendored = 'vendored by postinstall'
