// The ceiling: the least a Node HTTP server can do per request.
import http from 'node:http';

const body = 'hello world';
http
  .createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  })
  .listen(Number(process.env.PORT), '127.0.0.1');
