const express = require('express');
const bcrypt = require('bcrypt');
const escapeHtml = require('escape-html');

const app = express();
const hash = bcrypt.hashSync('secret', 4);

app.get('/', (req, res) => {
  const native = bcrypt.compareSync('secret', hash) ? 'bcrypt native module: ok' : 'bcrypt native module: FAILED';
  res.send(`<h1>lifecycle example</h1><p>${escapeHtml(escapeHtml.patched || 'not patched')}</p><p>${native}</p>`);
});

app.listen(process.env.PORT || 3000);
