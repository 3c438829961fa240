<?php
// Signs and sends a postback to Tracking with X-Tracking-Signature (docs/integration/advertisers.md).
// Usage: php sign_postback.php click_id=CLICK_ID goal=purchase amount=9.99 order_id=A1 token=YOUR_TOKEN
const BASE_URL = 'https://tracking.example.com';
const SECRET = 'YOUR_SIGNING_SECRET';

function canonical_query(array $params): string
{
    $pairs = [];
    foreach ($params as $name => $value) {
        $pairs[] = [rawurlencode((string) $name), rawurlencode((string) $value)];
    }
    usort($pairs, fn ($a, $b) => strcmp($a[0], $b[0]) ?: strcmp($a[1], $b[1]));
    return implode('&', array_map(fn ($p) => $p[0] . '=' . $p[1], $pairs));
}

function sign(string $method, string $path, string $query, string $body = ''): string
{
    $t = time();
    return "t=$t,v1=" . hash_hmac('sha256', "$t\n$method\n$path\n$query\n" . $body, SECRET);
}

$params = [];
foreach (array_slice($argv, 1) as $arg) {
    [$name, $value] = explode('=', $arg, 2) + [1 => ''];
    $params[$name] = $value;
}
$query = canonical_query($params);
$ch = curl_init(BASE_URL . '/postback?' . $query);
curl_setopt_array($ch, [
    CURLOPT_RETURNTRANSFER => true,
    CURLOPT_HTTPHEADER => ['X-Tracking-Signature: ' . sign('GET', '/postback', $query)],
]);
$body = curl_exec($ch);
$status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
echo "$status $body\n";
exit($status === 200 ? 0 : 1);
