import express from 'express';

const app = express();
app.get('/api/health', (req, res) => res.json({ ok: true }));
// The client Vite built into dist/.
app.use(express.static('dist'));
app.listen(process.env.PORT || 3000);
