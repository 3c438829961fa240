namespace Tracking.Api.Ingress;

/// <summary>
/// <c>/t.js</c>: on the landing page it keeps the click id from the URL as a first-party value of the advertiser's site
/// (localStorage and a first-party cookie); on the thank-you page <c>trk('conversion', {...})</c> sends it to
/// <c>/p/collect</c> with sendBeacon (fetch keepalive as fallback). Calls made before the script loaded are queued in
/// <c>window.trk.q</c> and replayed.
/// </summary>
public static class PixelScript
{
    public const string Source = """
        (function (w, d) {
          var KEY = '_trk_cid', NAMES = ['click_id', 'clickid', 'transaction_id', 'cid', 'subid'];
          var me = d.currentScript && d.currentScript.src;
          var base = me ? me.replace(/\/t\.js(\?.*)?$/, '') : '';
          function keep(v) {
            try { w.localStorage.setItem(KEY, v); } catch (e) {}
            d.cookie = KEY + '=' + encodeURIComponent(v) + '; path=/; max-age=' + 90 * 86400 + '; SameSite=Lax';
          }
          function kept() {
            var v = null;
            try { v = w.localStorage.getItem(KEY); } catch (e) {}
            if (!v) { var m = d.cookie.match(/(?:^|; )_trk_cid=([^;]*)/); if (m) v = decodeURIComponent(m[1]); }
            return v;
          }
          var q = new URLSearchParams(w.location.search);
          for (var i = 0; i < NAMES.length; i++) { var v = q.get(NAMES[i]); if (v) { keep(v); break; } }
          function send(type, data) {
            data = data || {};
            var body = { offer_id: data.offer_id, goal: data.goal || (type && type !== 'conversion' ? type : undefined),
              amount: data.amount, currency: data.currency, order_id: data.order_id, event_id: data.event_id,
              click_id: data.click_id || kept(), adv1: data.adv1, adv2: data.adv2, adv3: data.adv3, adv4: data.adv4, adv5: data.adv5 };
            var json = JSON.stringify(body), url = base + '/p/collect';
            if (w.navigator.sendBeacon && w.navigator.sendBeacon(url, new Blob([json], { type: 'text/plain' }))) return;
            if (w.fetch) w.fetch(url, { method: 'POST', body: json, keepalive: true, mode: 'no-cors', credentials: 'include', headers: { 'Content-Type': 'text/plain' } });
          }
          var queued = (w.trk && w.trk.q) || [];
          w.trk = function () { send.apply(null, arguments); };
          for (var j = 0; j < queued.length; j++) send.apply(null, queued[j]);
        })(window, document);
        """;
}
