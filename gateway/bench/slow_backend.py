"""The benchmark's stand-in for open-data-service and Keycloak's certs endpoint (stdlib only).

GET  /realms/govdata/protocol/openid-connect/certs   the JWKS given in --jwks
GET  /api/open-data/public/datasets/BIG/download     --size bytes, chunked, paced to last --seconds
POST /api/open-data/datasets/BIG/versions            reads and discards the body, answers its size
"""
import argparse
import http.server
import json
import time

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--jwks", required=True)
parser.add_argument("--size", type=int, default=200 * 1024 * 1024)
parser.add_argument("--seconds", type=float, default=12.0)
args = parser.parse_args()
JWKS = open(args.jwks, "rb").read()
CHUNK = 1024 * 1024


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def do_GET(self):
        if self.path.endswith("/certs"):
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(JWKS)))
            self.end_headers()
            self.wfile.write(JWKS)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/csv")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunks = args.size // CHUNK
        pause = args.seconds / chunks
        block = b"x" * CHUNK
        for _ in range(chunks):
            self.wfile.write(b"%x\r\n" % CHUNK + block + b"\r\n")
            time.sleep(pause)
        self.wfile.write(b"0\r\n\r\n")

    def do_POST(self):
        received = 0
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            while True:
                size = int(self.rfile.readline().split(b";")[0], 16)
                if size == 0:
                    self.rfile.readline()
                    break
                while size > 0:
                    data = self.rfile.read(min(size, CHUNK))
                    received += len(data)
                    size -= len(data)
                self.rfile.readline()
        else:
            remaining = int(self.headers.get("Content-Length", "0"))
            while remaining > 0:
                data = self.rfile.read(min(remaining, CHUNK))
                received += len(data)
                remaining -= len(data)
        body = json.dumps({"received": received}).encode()
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler).serve_forever()
