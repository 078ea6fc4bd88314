// The framework's ceiling: Express 5 with one route and nothing else.
import express from 'express';

const app = express();
app.get('/', (_req, res) => res.type('text/plain').send('hello world'));
app.listen(Number(process.env.PORT), '127.0.0.1');
