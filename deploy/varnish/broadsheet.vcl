vcl 4.1;
# Broadsheet behind Varnish, purged by tag (Debian: apt-get install varnish varnish-modules).
#   cp deploy/varnish/broadsheet.vcl /etc/varnish/default.vcl && systemctl restart varnish
# Debian's unit runs it on port 6081 with `-s malloc,256m`. The site runs bound to loopback, only
# Varnish reaches it, and is told where to send its purges:
#   BROADSHEET_PURGE=varnish=http://127.0.0.1:6081 npm start -- -H 127.0.0.1 -p 3000
# (`npm run proxy -- --upstream http://127.0.0.1:3000 --port 6081` runs this very file in front
# of a running site, for a developer and for the tests.)
#
# Every page the site answers carries the tags it has in the site's own page cache (`xkey`: the
# page, its language's lists, its term, its sidebar group). When content changes, the site purges
# exactly the tags of the pages it touched (lib/server/purge): a correction, a takedown (410) or a
# new article on its home reaches readers within a second. So pages, homes, list and term pages
# and feeds are kept here until purged, whatever lifetime their Cache-Control gives browsers and
# other shared caches. Errors are never kept, except 410 Gone, kept until the article is put back.
#
# Each page is kept at most three times per variant, each compressed once and served as stored:
# Brotli (compressed by the site, for every client that accepts `br`: Varnish 7.1 has no Brotli of
# its own and passes it through untouched), gzip (compressed here once when fetched) and plain
# (for clients that take neither).

import xkey;

# The site (npm start -- -H 127.0.0.1 -p 3000).
backend default {
    .host = "127.0.0.1";
    .port = "3000";
    .first_byte_timeout = 60s;
}

# Who may purge: the site's server. Add the addresses of the site's hosts when it runs elsewhere.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        # `xkey: tag tag …` removes the pages (content changed: the next reader waits for the
        # fresh page); `xkey-soft` marks them stale (a sidebar changed: readers are served the
        # kept page while one request fetches it again).
        if (req.http.xkey) {
            return (synth(200, "Purged " + xkey.purge(req.http.xkey)));
        }
        if (req.http.xkey-soft) {
            return (synth(200, "Soft-purged " + xkey.softpurge(req.http.xkey-soft)));
        }
        return (synth(400, "An xkey or xkey-soft header names the tags to purge"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Search results, suggestions and the rest of the API: never kept; the only URLs that read
    # their query string.
    if (req.url ~ "^/api/" || req.url ~ "^/[^/?]+/search(\?|$)") {
        return (pass);
    }
    if (req.url !~ "^/_next/") {
        # No page reads its query string: `?utm_source=…` neither makes a new entry nor reaches
        # the site. Except Next.js's `_rsc`, a client navigation's hash of its router headers,
        # which tells payload variants apart (the site checks it against those headers).
        if (req.url ~ "[?&]_rsc(=|&|$)") {
            set req.url = regsub(req.url, "^([^?]*)\?(?:.*&)?_rsc(?:=([^&]*))?(?:&.*)?$", "\1?_rsc=\2");
        } else {
            set req.url = regsub(req.url, "\?.*$", "");
        }
    }
    # Three copies at most: Brotli, gzip, or plain for a client that takes neither.
    if (req.http.Accept-Encoding ~ "(?i)\bbr\b") {
        set req.http.X-Broadsheet-Encoding = "br";
    } elsif (req.http.Accept-Encoding ~ "(?i)\bgzip\b") {
        set req.http.X-Broadsheet-Encoding = "gzip";
    } else {
        set req.http.X-Broadsheet-Encoding = "identity";
    }
    # The site sets no cookie and reads none on its pages: a cookie of another application on
    # the same name must not make every page uncacheable.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_hash {
    # One entry per page and variant: the path without its query but `_rsc`; HTML or a React
    # Server Components payload (a client navigation's `RSC: 1`), a prefetch apart from both;
    # Brotli, gzip or plain. Not the Host: one site, whichever of its names a reader typed.
    hash_data(req.url);
    if (req.http.RSC == "1") {
        hash_data("rsc");
    } else {
        hash_data("html");
    }
    hash_data(req.http.Next-Router-Prefetch);
    hash_data(req.http.Next-Router-Segment-Prefetch);
    hash_data(req.http.X-Broadsheet-Encoding);
    return (lookup);
}

sub vcl_backend_fetch {
    # Varnish asks for gzip on every fetch (and compresses it itself if the site did not); the
    # Brotli copy is asked for as Brotli, which the site compresses; the plain copy is fetched
    # plain. So no reader's request is ever compressed or uncompressed on its way out.
    if (bereq.http.X-Broadsheet-Encoding == "br") {
        set bereq.http.Accept-Encoding = "br";
    } elsif (bereq.http.X-Broadsheet-Encoding != "gzip") {
        unset bereq.http.Accept-Encoding;
    }
    unset bereq.http.X-Broadsheet-Encoding;
}

sub vcl_backend_response {
    # The key above already separates what the site's Vary names (Next-Router-State-Tree would
    # make every navigation a new entry): it is kept for the reader, not for Varnish.
    if (beresp.http.Vary) {
        set beresp.http.X-Broadsheet-Vary = beresp.http.Vary;
        unset beresp.http.Vary;
    }
    # Errors are never kept: a missing page may be published in a moment, and Next.js's own 404
    # for files outside the pages says `s-maxage=31536000` (vercel/next.js#74865). A second's
    # hit-for-miss lets a burst of them through without queueing behind each other.
    if (beresp.status >= 400 && beresp.status != 410) {
        set beresp.ttl = 1s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Compressed once, here, and stored so.
    if (bereq.http.Accept-Encoding ~ "gzip" && !beresp.http.Content-Encoding &&
        beresp.http.Content-Type ~ "^(text/|application/(javascript|json|xml|rss\+xml|atom\+xml|feed\+json|manifest\+json)|image/svg\+xml)") {
        set beresp.do_gzip = true;
    }
    if (beresp.http.xkey && (beresp.status == 200 || beresp.status == 410)) {
        if (beresp.http.x-nextjs-cache == "STALE") {
            # The site served the copy it is rendering afresh (after a soft purge): kept a
            # moment, then asked again in the background.
            set beresp.ttl = 1s;
        } elsif (beresp.http.x-broadsheet-refresh) {
            # A copy whose sidebar waits for its turn to render afresh (the site renders a few a
            # second): asked again in 10 s, not every second, which kept the site busy answering.
            set beresp.ttl = 10s;
        } else {
            # Until a purge names one of its tags (or memory runs short: least recently used first).
            set beresp.ttl = 365d;
        }
        # A soft-purged page is served while one request fetches it again.
        set beresp.grace = 1d;
        return (deliver);
    }
}

sub vcl_deliver {
    if (resp.http.X-Broadsheet-Vary) {
        set resp.http.Vary = resp.http.X-Broadsheet-Vary;
        unset resp.http.X-Broadsheet-Vary;
    }
    if (resp.http.xkey) {
        # Kept until purged: as fresh as the site's own copy, whatever time it spent here. The
        # browser-facing Cache-Control stays the site's, counted from now.
        unset resp.http.Age;
    }
    if (obj.uncacheable) {
        set resp.http.X-Cache-Status = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache-Status = "HIT";
    } else {
        set resp.http.X-Cache-Status = "MISS";
    }
    # What only this cache reads, and what tells a reader nothing: fewer bytes per response.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Cache-Tag;
    unset resp.http.x-broadsheet-refresh;
    unset resp.http.x-nextjs-cache;
    unset resp.http.x-nextjs-prerender;
    unset resp.http.x-nextjs-stale-time;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}
