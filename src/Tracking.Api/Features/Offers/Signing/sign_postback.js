// Signs and sends a postback to Tracking with X-Tracking-Signature (docs/integration/advertisers.md). Node 18+.
// Usage: node sign_postback.js click_id=CLICK_ID goal=purchase amount=9.99 order_id=A1 token=YOUR_TOKEN
const crypto = require("crypto");

const BASE_URL = "https://tracking.example.com";
const SECRET = "YOUR_SIGNING_SECRET";

// encodeURIComponent leaves !'()* alone; RFC 3986 encodes them.
const encode = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
const compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

function canonicalQuery(params) {
  return Object.entries(params).map(([k, v]) => [encode(k), encode(v)])
    .sort((a, b) => compare(a[0], b[0]) || compare(a[1], b[1]))
    .map(([k, v]) => `${k}=${v}`).join("&");
}

function sign(method, path, query, body = "") {
  const t = Math.floor(Date.now() / 1000);
  const mac = crypto.createHmac("sha256", SECRET).update(`${t}\n${method}\n${path}\n${query}\n`).update(body).digest("hex");
  return `t=${t},v1=${mac}`;
}

async function sendPostback(params) {
  const query = canonicalQuery(params);
  const response = await fetch(`${BASE_URL}/postback?${query}`, { headers: { "X-Tracking-Signature": sign("GET", "/postback", query) } });
  return [response.status, await response.text()];
}

const params = Object.fromEntries(process.argv.slice(2).map((arg) => [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]));
sendPostback(params).then(([status, body]) => {
  console.log(status, body);
  process.exit(status === 200 ? 0 : 1);
});
