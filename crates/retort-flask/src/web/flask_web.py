"""Flask's request layer, as Flask 3.1 and Werkzeug 3.1 behave, run by
Retort's own interpreter: routes and their URL rules, the test client,
requests and responses, JSON responses, HTTP errors, redirects, url_for,
the cookie session and flashed messages, blueprints. No socket is opened:
a request goes from the test client straight to the application.

The native side (web/mod.rs) loads this module the first time a script
needs it and gives each Flask application a `WebApp` companion.
"""
import json as _json
import datetime as _dt
import decimal as _decimal
import uuid as _uuid
import sys as _sys

HTTP_STATUS_CODES = {
    100: "Continue", 101: "Switching Protocols", 102: "Processing", 103: "Early Hints",
    200: "OK", 201: "Created", 202: "Accepted", 203: "Non Authoritative Information",
    204: "No Content", 205: "Reset Content", 206: "Partial Content", 207: "Multi Status",
    208: "Already Reported", 226: "IM Used", 300: "Multiple Choices",
    301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified",
    305: "Use Proxy", 306: "Switch Proxy", 307: "Temporary Redirect",
    308: "Permanent Redirect", 400: "Bad Request", 401: "Unauthorized",
    402: "Payment Required", 403: "Forbidden", 404: "Not Found",
    405: "Method Not Allowed", 406: "Not Acceptable",
    407: "Proxy Authentication Required", 408: "Request Timeout", 409: "Conflict",
    410: "Gone", 411: "Length Required", 412: "Precondition Failed",
    413: "Request Entity Too Large", 414: "Request URI Too Long",
    415: "Unsupported Media Type", 416: "Requested Range Not Satisfiable",
    417: "Expectation Failed", 418: "I'm a teapot", 421: "Misdirected Request",
    422: "Unprocessable Entity", 423: "Locked", 424: "Failed Dependency",
    425: "Too Early", 426: "Upgrade Required", 428: "Precondition Required",
    429: "Too Many Requests", 431: "Request Header Fields Too Large",
    449: "Retry With", 451: "Unavailable For Legal Reasons",
    500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway",
    503: "Service Unavailable", 504: "Gateway Timeout",
    505: "HTTP Version Not Supported", 506: "Variant Also Negotiates",
    507: "Insufficient Storage", 508: "Loop Detected", 510: "Not Extended",
    511: "Network Authentication Failed",
}

_REQUEST_UNBOUND = (
    "Working outside of request context.\n\n"
    "This typically means that you attempted to use functionality that needed\n"
    "an active HTTP request. Consult the documentation on testing for\n"
    "information about how to avoid this problem."
)

_SETUP_FINISHED = (
    "The setup method '{}' can no longer be called on the application. It has"
    " already handled its first request, any changes will not be applied"
    " consistently.\nMake sure all imports, decorators, functions, etc. needed"
    " to set up the application are done before running it."
)


def _escape(text):
    """markupsafe's escape of a text."""
    return (
        str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace('"', "&#34;").replace("'", "&#39;")
    )


# --- URL quoting ------------------------------------------------------------

_UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
_HEX = "0123456789ABCDEF"


def _quote(text, safe, keep_unicode=False):
    out = []
    for ch in str(text):
        if ch in _UNRESERVED or ch in safe or (keep_unicode and ord(ch) > 127):
            out.append(ch)
        else:
            for byte in ch.encode("utf-8"):
                out.append("%" + _HEX[byte // 16] + _HEX[byte % 16])
    return "".join(out)


def _quote_plus(text):
    return _quote(text, " ").replace(" ", "+")


def _unquote(text, plus):
    if plus:
        text = text.replace("+", " ")
    if "%" not in text:
        return text
    raw = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "%" and i + 2 < n + 0 and _is_hex(text[i + 1:i + 3]):
            raw.append(int(text[i + 1:i + 3], 16))
            i += 3
        else:
            raw.extend(ch.encode("utf-8"))
            i += 1
    return bytes(raw).decode("utf-8", "replace")


def _is_hex(pair):
    return len(pair) == 2 and all(c in "0123456789abcdefABCDEF" for c in pair)


def _parse_qsl(query):
    pairs = []
    for part in query.split("&"):
        if not part:
            continue
        key, _, value = part.partition("=")
        pairs.append((_unquote(key, True), _unquote(value, True)))
    return pairs


def _url_encode_pairs(pairs):
    """werkzeug's url_encode of (key, value) pairs: None values are left out."""
    out = []
    for key, value in pairs:
        if value is None:
            continue
        out.append(_quote_plus(str(key)) + "=" + _quote_plus(str(value)))
    return "&".join(out)


def _iri_query(pairs):
    """The query of a request's URL as werkzeug shows it (an IRI: only
    what must be is quoted)."""
    out = []
    for key, value in pairs:
        out.append(
            _quote(key, "!$'()*,/:;?@ ", True).replace(" ", "+")
            + "="
            + _quote(value, "!$'()*,/:;?@ ", True).replace(" ", "+")
        )
    return "&".join(out)


def _pairs_of(mapping):
    """(key, value) pairs of a dict (a list value gives one pair per item),
    of a MultiDict, or of a list of pairs."""
    if mapping is None:
        return []
    if isinstance(mapping, MultiDict):
        return list(mapping._pairs)
    if isinstance(mapping, dict):
        items = list(mapping.items())
    else:
        items = list(mapping)
    pairs = []
    for key, value in items:
        if isinstance(value, (list, tuple)):
            for item in value:
                pairs.append((key, item))
        else:
            pairs.append((key, value))
    return pairs


# --- HTTP exceptions (werkzeug.exceptions) ----------------------------------


class HTTPException(Exception):
    code = None
    description = None

    def __init__(self, description=None, response=None):
        super().__init__()
        if description is not None:
            self.description = description
        self.response = response

    @property
    def name(self):
        return HTTP_STATUS_CODES.get(self.code, "Unknown Error")

    def get_description(self, environ=None, scope=None):
        description = _escape(self.description or "").replace("\n", "<br>")
        return f"<p>{description}</p>"

    def get_body(self, environ=None, scope=None):
        return (
            "<!doctype html>\n<html lang=en>\n"
            f"<title>{self.code} {_escape(self.name)}</title>\n"
            f"<h1>{_escape(self.name)}</h1>\n"
            f"{self.get_description(environ)}\n"
        )

    def get_headers(self, environ=None, scope=None):
        return [("Content-Type", "text/html; charset=utf-8")]

    def get_response(self, environ=None, scope=None):
        if self.response is not None:
            return self.response
        return Response(self.get_body(environ), self.code, self.get_headers(environ))

    def __str__(self):
        code = self.code if self.code is not None else "???"
        return f"{code} {self.name}: {self.description}"

    def __repr__(self):
        code = self.code if self.code is not None else "???"
        return f"<{type(self).__name__} '{code}: {self.name}'>"


class BadRequest(HTTPException):
    code = 400
    description = "The browser (or proxy) sent a request that this server could not understand."


class BadRequestKeyError(BadRequest, KeyError):
    def __init__(self, arg=None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._key = arg
        self.args = () if arg is None else (arg,)

    def __str__(self):
        return BadRequest.__str__(self)


class Unauthorized(HTTPException):
    code = 401
    description = (
        "The server could not verify that you are authorized to access the URL"
        " requested. You either supplied the wrong credentials (e.g. a bad"
        " password), or your browser doesn't understand how to supply the"
        " credentials required."
    )


class Forbidden(HTTPException):
    code = 403
    description = (
        "You don't have the permission to access the requested resource. It is"
        " either read-protected or not readable by the server."
    )


class NotFound(HTTPException):
    code = 404
    description = (
        "The requested URL was not found on the server. If you entered the URL"
        " manually please check your spelling and try again."
    )


class MethodNotAllowed(HTTPException):
    code = 405
    description = "The method is not allowed for the requested URL."

    def __init__(self, valid_methods=None, description=None, response=None):
        super().__init__(description=description, response=response)
        self.valid_methods = valid_methods

    def get_headers(self, environ=None, scope=None):
        headers = super().get_headers(environ)
        if self.valid_methods:
            headers.append(("Allow", ", ".join(self.valid_methods)))
        return headers


class NotAcceptable(HTTPException):
    code = 406
    description = (
        "The resource identified by the request is only capable of generating"
        " response entities which have content characteristics not acceptable"
        " according to the accept headers sent in the request."
    )


class RequestTimeout(HTTPException):
    code = 408
    description = (
        "The server closed the network connection because the browser didn't"
        " finish the request within the specified time."
    )


class Conflict(HTTPException):
    code = 409
    description = (
        "A conflict happened while processing the request. The resource might"
        " have been modified while the request was being processed."
    )


class Gone(HTTPException):
    code = 410
    description = (
        "The requested URL is no longer available on this server and there is"
        " no forwarding address. If you followed a link from a foreign page,"
        " please contact the author of this page."
    )


class LengthRequired(HTTPException):
    code = 411
    description = "A request with this method requires a valid <code>Content-Length</code> header."


class PreconditionFailed(HTTPException):
    code = 412
    description = "The precondition on the request for the URL failed positive evaluation."


class RequestEntityTooLarge(HTTPException):
    code = 413
    description = "The data value transmitted exceeds the capacity limit."


class RequestURITooLarge(HTTPException):
    code = 414
    description = (
        "The length of the requested URL exceeds the capacity limit for this"
        " server. The request cannot be processed."
    )


class UnsupportedMediaType(HTTPException):
    code = 415
    description = "The server does not support the media type transmitted in the request."


class RequestedRangeNotSatisfiable(HTTPException):
    code = 416
    description = "The server cannot provide the requested range."


class ExpectationFailed(HTTPException):
    code = 417
    description = "The server could not meet the requirements of the Expect header"


class ImATeapot(HTTPException):
    code = 418
    description = "This server is a teapot, not a coffee machine"


class UnprocessableEntity(HTTPException):
    code = 422
    description = "The request was well-formed but was unable to be followed due to semantic errors."


class Locked(HTTPException):
    code = 423
    description = "The resource that is being accessed is locked."


class FailedDependency(HTTPException):
    code = 424
    description = (
        "The method could not be performed on the resource because the"
        " requested action depended on another action and that action failed."
    )


class PreconditionRequired(HTTPException):
    code = 428
    description = (
        "This request is required to be conditional; try using \"If-Match\" or"
        " \"If-Unmodified-Since\"."
    )


class TooManyRequests(HTTPException):
    code = 429
    description = "This user has exceeded an allotted request count. Try again later."


class RequestHeaderFieldsTooLarge(HTTPException):
    code = 431
    description = "One or more header fields exceeds the maximum size."


class UnavailableForLegalReasons(HTTPException):
    code = 451
    description = "Unavailable for legal reasons."


class InternalServerError(HTTPException):
    code = 500
    description = (
        "The server encountered an internal error and was unable to complete"
        " your request. Either the server is overloaded or there is an error in"
        " the application."
    )

    def __init__(self, description=None, response=None, original_exception=None):
        self.original_exception = original_exception
        super().__init__(description=description, response=response)


class NotImplemented(HTTPException):
    code = 501
    description = "The server does not support the action requested by the browser."


class BadGateway(HTTPException):
    code = 502
    description = "The proxy server received an invalid response from an upstream server."


class ServiceUnavailable(HTTPException):
    code = 503
    description = (
        "The server is temporarily unable to service your request due to"
        " maintenance downtime or capacity problems. Please try again later."
    )


class GatewayTimeout(HTTPException):
    code = 504
    description = "The connection to an upstream server timed out."


class HTTPVersionNotSupported(HTTPException):
    code = 505
    description = "The server does not support the HTTP protocol version used in the request."


class RequestRedirect(HTTPException):
    code = 308

    def __init__(self, new_url):
        super().__init__(new_url)
        self.new_url = new_url

    def get_response(self, environ=None, scope=None):
        return redirect(self.new_url, self.code)


EXCEPTIONS = [
    HTTPException, BadRequest, BadRequestKeyError, Unauthorized, Forbidden,
    NotFound, MethodNotAllowed, NotAcceptable, RequestTimeout, Conflict, Gone,
    LengthRequired, PreconditionFailed, RequestEntityTooLarge,
    RequestURITooLarge, UnsupportedMediaType, RequestedRangeNotSatisfiable,
    ExpectationFailed, ImATeapot, UnprocessableEntity, Locked, FailedDependency,
    PreconditionRequired, TooManyRequests, RequestHeaderFieldsTooLarge,
    UnavailableForLegalReasons, InternalServerError, NotImplemented, BadGateway,
    ServiceUnavailable, GatewayTimeout, HTTPVersionNotSupported,
]
for _cls in EXCEPTIONS:
    _cls.__module__ = "werkzeug.exceptions"
RequestRedirect.__module__ = "werkzeug.routing.exceptions"

_BY_CODE = {}
for _cls in EXCEPTIONS:
    if _cls.code is not None and _cls.code not in _BY_CODE and _cls is not BadRequestKeyError:
        _BY_CODE[_cls.code] = _cls


def abort(status, *args, **kwargs):
    """werkzeug's abort: raise the HTTPException of a status code, or one
    carrying a ready response."""
    if isinstance(status, Response):
        raise HTTPException(response=status)
    cls = _BY_CODE.get(status)
    if cls is None:
        raise LookupError(f"no exception for {status!r}")
    raise cls(*args, **kwargs)


def http_error(code, description=None):
    """The exception abort(code, description) raises (for native callers)."""
    return _BY_CODE[code](description)


class TemplateNotFound(Exception):
    def __init__(self, name):
        super().__init__(name)
        self.name = name
        self.message = name


TemplateNotFound.__module__ = "jinja2.exceptions"


class BuildError(LookupError):
    def __init__(self, message):
        super().__init__(message)


BuildError.__module__ = "werkzeug.routing.exceptions"


# --- headers and multi-value dicts ------------------------------------------


class Headers:
    def __init__(self, defaults=None):
        self._list = []
        if defaults is not None:
            if isinstance(defaults, Headers):
                self._list = list(defaults._list)
            else:
                for key, value in _pairs_of(defaults):
                    self._list.append((str(key), str(value)))

    def _find(self, key):
        lower = key.lower()
        for index, (k, _) in enumerate(self._list):
            if k.lower() == lower:
                return index
        return -1

    def get(self, key, default=None, type=None):
        index = self._find(key)
        if index < 0:
            return default
        value = self._list[index][1]
        if type is None:
            return value
        try:
            return type(value)
        except (ValueError, TypeError):
            return default

    def getlist(self, key):
        lower = key.lower()
        return [v for k, v in self._list if k.lower() == lower]

    def __getitem__(self, key):
        if isinstance(key, int):
            return self._list[key]
        index = self._find(key)
        if index < 0:
            raise BadRequestKeyError(key)
        return self._list[index][1]

    def __setitem__(self, key, value):
        self.set(key, value)

    def set(self, key, value):
        index = self._find(key)
        if index < 0:
            self._list.append((key, str(value)))
            return
        self._list[index] = (key, str(value))
        lower = key.lower()
        self._list = [
            item for i, item in enumerate(self._list) if i <= index or item[0].lower() != lower
        ]

    def add(self, key, value):
        self._list.append((key, str(value)))

    def setdefault(self, key, default):
        if key in self:
            return self[key]
        self.set(key, default)
        return self[key]

    def __delitem__(self, key):
        lower = key.lower()
        self._list = [item for item in self._list if item[0].lower() != lower]

    def remove(self, key):
        del self[key]

    def pop(self, key, default=None):
        value = self.get(key, default)
        del self[key]
        return value

    def __contains__(self, key):
        return self._find(key) >= 0

    def __iter__(self):
        return iter(list(self._list))

    def __len__(self):
        return len(self._list)

    def keys(self):
        return [k for k, _ in self._list]

    def values(self):
        return [v for _, v in self._list]

    def items(self):
        return list(self._list)

    def to_wsgi_list(self):
        return list(self._list)

    def __eq__(self, other):
        return isinstance(other, Headers) and other._list == self._list

    def __str__(self):
        return "".join(f"{k}: {v}\r\n" for k, v in self._list) + "\r\n"

    def __repr__(self):
        return f"{type(self).__name__}({self._list!r})"


class EnvironHeaders(Headers):
    pass


class MultiDict:
    def __init__(self, mapping=None):
        self._pairs = _pairs_of(mapping)

    def __getitem__(self, key):
        for k, v in self._pairs:
            if k == key:
                return v
        raise BadRequestKeyError(key)

    def get(self, key, default=None, type=None):
        for k, v in self._pairs:
            if k == key:
                if type is None:
                    return v
                try:
                    return type(v)
                except (ValueError, TypeError):
                    return default
        return default

    def getlist(self, key, type=None):
        out = []
        for k, v in self._pairs:
            if k == key:
                if type is None:
                    out.append(v)
                else:
                    try:
                        out.append(type(v))
                    except (ValueError, TypeError):
                        pass
        return out

    def _keys(self):
        seen = []
        for k, _ in self._pairs:
            if k not in seen:
                seen.append(k)
        return seen

    def keys(self):
        return self._keys()

    def values(self):
        return [self[k] for k in self._keys()]

    def items(self, multi=False):
        if multi:
            return list(self._pairs)
        return [(k, self[k]) for k in self._keys()]

    def lists(self):
        return [(k, self.getlist(k)) for k in self._keys()]

    def to_dict(self, flat=True):
        if flat:
            return {k: self[k] for k in self._keys()}
        return {k: self.getlist(k) for k in self._keys()}

    def __contains__(self, key):
        return any(k == key for k, _ in self._pairs)

    def __iter__(self):
        return iter(self._keys())

    def __len__(self):
        return len(self._keys())

    def __bool__(self):
        return bool(self._pairs)

    def __eq__(self, other):
        if isinstance(other, MultiDict):
            return self._pairs == other._pairs
        if isinstance(other, dict):
            return self.to_dict() == other
        return False

    def __repr__(self):
        return f"{type(self).__name__}({self._pairs!r})"


class ImmutableMultiDict(MultiDict):
    def __setitem__(self, key, value):
        raise TypeError(f"'{type(self).__name__}' objects are immutable")


class CombinedMultiDict(ImmutableMultiDict):
    def __init__(self, dicts):
        pairs = []
        for d in dicts:
            pairs.extend(d._pairs)
        self._pairs = pairs
        self._dicts = dicts

    def __repr__(self):
        return f"{type(self).__name__}({self._dicts!r})"


# --- JSON ---------------------------------------------------------------------

_WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def http_date(value):
    """werkzeug's http_date: a date or a (naive, taken as UTC) datetime."""
    if not isinstance(value, _dt.datetime):
        value = _dt.datetime(value.year, value.month, value.day)
    return (
        f"{_WEEKDAYS[value.weekday()]}, {value.day:02d} {_MONTHS[value.month - 1]}"
        f" {value.year:04d} {value.hour:02d}:{value.minute:02d}:{value.second:02d} GMT"
    )


def _json_default(o):
    if isinstance(o, _dt.date):
        return http_date(o)
    if isinstance(o, _decimal.Decimal) or type(o).__name__ == "UUID":
        return str(o)
    if hasattr(o, "__html__"):
        return str(o.__html__())
    raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")


class DefaultJSONProvider:
    ensure_ascii = True
    sort_keys = True
    compact = None
    mimetype = "application/json"
    default = staticmethod(_json_default)

    def __init__(self, app):
        self._app = app

    def dumps(self, obj, **kwargs):
        kwargs.setdefault("default", self.default)
        kwargs.setdefault("ensure_ascii", self.ensure_ascii)
        kwargs.setdefault("sort_keys", self.sort_keys)
        return _json.dumps(obj, **kwargs)

    def loads(self, s, **kwargs):
        if isinstance(s, bytes):
            s = s.decode("utf-8")
        return _json.loads(s, **kwargs)

    def response(self, *args, **kwargs):
        if args and kwargs:
            raise TypeError("app.json.response() takes either args or kwargs, not both")
        if not args and not kwargs:
            obj = None
        elif kwargs:
            obj = kwargs
        elif len(args) == 1:
            obj = args[0]
        else:
            obj = list(args)
        if (self.compact is None and self._app.debug) or self.compact is False:
            text = self.dumps(obj, indent=2)
        else:
            text = self.dumps(obj, separators=(",", ":"))
        return Response(f"{text}\n", mimetype=self.mimetype)

    def __repr__(self):
        return f"<flask.json.provider.DefaultJSONProvider object at {hex(id(self))}>"


# --- responses ------------------------------------------------------------------


def _status_text(code):
    return f"{code} {HTTP_STATUS_CODES.get(code, 'Unknown').upper()}"


class Response:
    default_status = 200
    default_mimetype = "text/html"

    def __init__(self, response=None, status=None, headers=None, mimetype=None, content_type=None):
        self.headers = Headers(headers)
        if content_type is None:
            if mimetype is None and "content-type" not in self.headers:
                mimetype = self.default_mimetype
            if mimetype is not None:
                content_type = _with_charset(mimetype)
        if content_type is not None:
            self.headers["Content-Type"] = content_type
        if status is None:
            status = self.default_status
        self.status = status
        self._data = b""
        self._streamed = False
        if response is not None:
            self.set_data(response)

    @property
    def status(self):
        return self._status

    @status.setter
    def status(self, value):
        if isinstance(value, int):
            self._status_code = value
            self._status = _status_text(value)
            return
        text = str(value).strip()
        code_text, _, phrase = text.partition(" ")
        code = int(code_text)
        self._status_code = code
        self._status = text if phrase else _status_text(code)

    @property
    def status_code(self):
        return self._status_code

    @status_code.setter
    def status_code(self, code):
        self.status = code

    def set_data(self, value):
        if isinstance(value, str):
            value = value.encode("utf-8")
        elif isinstance(value, (list, tuple)):
            value = b"".join(v.encode("utf-8") if isinstance(v, str) else v for v in value)
        self._data = value
        self.headers["Content-Length"] = str(len(value))

    def get_data(self, as_text=False):
        if as_text:
            return self._data.decode("utf-8")
        return self._data

    @property
    def data(self):
        return self.get_data()

    @data.setter
    def data(self, value):
        self.set_data(value)

    @property
    def text(self):
        return self.get_data(as_text=True)

    @property
    def content_type(self):
        return self.headers.get("Content-Type")

    @content_type.setter
    def content_type(self, value):
        self.headers["Content-Type"] = value

    @property
    def mimetype(self):
        content_type = self.headers.get("Content-Type")
        if content_type is None:
            return None
        return content_type.split(";")[0].strip().lower()

    @mimetype.setter
    def mimetype(self, value):
        self.headers["Content-Type"] = _with_charset(value)

    @property
    def content_length(self):
        return self.headers.get("Content-Length", type=int)

    @property
    def location(self):
        return self.headers.get("Location")

    @location.setter
    def location(self, value):
        self.headers["Location"] = value

    @property
    def is_json(self):
        return _is_json_mimetype(self.mimetype)

    @property
    def json(self):
        return self.get_json()

    def get_json(self, force=False, silent=False):
        if not (force or self.is_json):
            return None
        try:
            return _json.loads(self.get_data(as_text=True))
        except ValueError:
            if silent:
                return None
            raise

    def set_cookie(self, key, value="", max_age=None, expires=None, path="/", domain=None,
                   secure=False, httponly=False, samesite=None):
        cookie = f"{key}={value}"
        if max_age is not None:
            cookie += f"; Max-Age={max_age}"
        if secure:
            cookie += "; Secure"
        if httponly:
            cookie += "; HttpOnly"
        if path is not None:
            cookie += f"; Path={path}"
        if samesite is not None:
            cookie += f"; SameSite={samesite}"
        self.headers.add("Set-Cookie", cookie)

    def delete_cookie(self, key, path="/", domain=None, secure=False, httponly=False, samesite=None):
        self.headers.add(
            "Set-Cookie",
            f"{key}=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path={path}",
        )

    def __repr__(self):
        size = "streamed" if self._streamed else f"{len(self._data)} bytes"
        return f"<{self._class_name()} {size} [{self.status}]>"

    def _class_name(self):
        return type(self).__name__


class TestResponse(Response):
    """What the test client answers: the application's response with the
    request that produced it and any redirects followed."""

    def __init__(self, response, request, history):
        self.headers = response.headers
        self._status = response._status
        self._status_code = response._status_code
        self._data = response._data
        # werkzeug hands a HEAD request, an informational, 204 or 304
        # response an empty body (which has a length); any other body is
        # streamed through the application's iterator.
        code = response._status_code
        empty = request.method == "HEAD" or 100 <= code < 200 or code in (204, 304)
        if empty:
            self._data = b""
        self._streamed = not empty
        self.request = request
        self.history = history
        self.response = [response._data]

    def _class_name(self):
        return "WrapperTestResponse"


def _with_charset(mimetype):
    if (
        mimetype.startswith("text/")
        or mimetype in ("application/ecmascript", "application/javascript",
                        "application/sql", "application/xml", "application/xml-dtd",
                        "application/xml-external-parsed-entity")
    ) and "charset" not in mimetype:
        return f"{mimetype}; charset=utf-8"
    return mimetype


def _is_json_mimetype(mimetype):
    return mimetype is not None and (
        mimetype == "application/json"
        or (mimetype.startswith("application/") and mimetype.endswith("+json"))
    )


def redirect(location, code=302, Response=None):
    html_location = _escape(location)
    response = _ResponseClass(
        "<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n"
        "<h1>Redirecting...</h1>\n"
        "<p>You should be redirected automatically to the target URL: "
        f'<a href="{html_location}">{html_location}</a>. If not, click the link.\n',
        code,
        mimetype="text/html",
    )
    response.headers["Location"] = location
    return response


_ResponseClass = Response


# --- requests -------------------------------------------------------------------


class Request:
    def __init__(self, app, method, path, query, body, headers, remote_addr):
        self.app = app
        self.method = method
        self.path = path
        self._query = query
        self._body = body
        self.headers = EnvironHeaders(headers)
        self.remote_addr = remote_addr
        self.url_rule = None
        self.view_args = None
        self.routing_exception = None
        self._json_cache = None
        self._json_loaded = False
        self._session = None

    @property
    def args(self):
        return ImmutableMultiDict(_parse_qsl(self._query))

    @property
    def form(self):
        if self.mimetype == "application/x-www-form-urlencoded":
            return ImmutableMultiDict(_parse_qsl(self._body.decode("utf-8", "replace")))
        return ImmutableMultiDict()

    @property
    def values(self):
        if self.method == "GET":
            return CombinedMultiDict([self.args])
        return CombinedMultiDict([self.args, self.form])

    @property
    def files(self):
        return ImmutableMultiDict()

    @property
    def cookies(self):
        return ImmutableMultiDict()

    @property
    def data(self):
        if self.mimetype == "application/x-www-form-urlencoded":
            return b""
        return self._body

    def get_data(self, cache=True, as_text=False, parse_form_data=False):
        if as_text:
            return self._body.decode("utf-8", "replace")
        return self._body

    @property
    def content_type(self):
        return self.headers.get("Content-Type")

    @property
    def mimetype(self):
        content_type = self.headers.get("Content-Type", "")
        return content_type.split(";")[0].strip().lower()

    @property
    def content_length(self):
        return self.headers.get("Content-Length", type=int)

    @property
    def is_json(self):
        return _is_json_mimetype(self.mimetype)

    @property
    def json(self):
        return self.get_json()

    def get_json(self, force=False, silent=False, cache=True):
        if cache and self._json_loaded:
            return self._json_cache
        if not (force or self.is_json):
            if not silent:
                raise UnsupportedMediaType(
                    "Did not attempt to load JSON data because the request"
                    " Content-Type was not 'application/json'."
                )
            return None
        try:
            value = _json.loads(self._body.decode("utf-8", "replace"))
        except ValueError as error:
            if silent:
                value = None
            elif self.app.debug:
                raise BadRequest(f"Failed to decode JSON object: {error}")
            else:
                raise BadRequest()
        if cache:
            self._json_cache = value
            self._json_loaded = True
        return value

    @property
    def endpoint(self):
        if self.url_rule is not None:
            return self.url_rule.endpoint
        return None

    @property
    def blueprint(self):
        endpoint = self.endpoint
        if endpoint is not None and "." in endpoint:
            return endpoint.rpartition(".")[0]
        return None

    @property
    def blueprints(self):
        name = self.blueprint
        return [] if name is None else [name]

    @property
    def scheme(self):
        return "http"

    @property
    def host(self):
        return "localhost"

    @property
    def host_url(self):
        return "http://localhost/"

    @property
    def url_root(self):
        return "http://localhost/"

    @property
    def root_url(self):
        return "http://localhost/"

    @property
    def base_url(self):
        return "http://localhost" + _quote(self.path, "/!$&'()*+,:;=@", True)

    @property
    def query_string(self):
        return self._query.encode("utf-8")

    @property
    def full_path(self):
        return _quote(self.path, "/!$&'()*+,:;=@", True) + "?" + _iri_query(_parse_qsl(self._query))

    @property
    def url(self):
        query = _iri_query(_parse_qsl(self._query))
        return self.base_url + ("?" + query if query else "")

    @property
    def user_agent(self):
        return self.headers.get("User-Agent", "")

    @property
    def is_secure(self):
        return False

    @property
    def access_route(self):
        return [self.remote_addr] if self.remote_addr else []

    def __repr__(self):
        return f"<Request {self.url!r} [{self.method}]>"


_request_stack = []


def _current_request():
    if not _request_stack:
        raise RuntimeError(_REQUEST_UNBOUND)
    return _request_stack[-1]


class _RequestProxy:
    """flask.request: the request being handled."""

    def __getattr__(self, name):
        return getattr(_current_request(), name)

    def __repr__(self):
        if not _request_stack:
            return "<LocalProxy unbound>"
        return repr(_request_stack[-1])

    def __bool__(self):
        return bool(_request_stack)


request = _RequestProxy()


def _page_args(page, per_page, error_out):
    """Flask-SQLAlchemy's page arguments from the request's query string:
    `page` and `per_page` not given are read from it (1 and 20 when absent),
    and a value that is not an integer is a 404 (or the default without
    error_out). Outside a request they stay as given."""
    if not _request_stack:
        return page, per_page
    args = _request_stack[-1].args

    def read(name, default):
        try:
            return int(args.get(name, default))
        except (TypeError, ValueError):
            if error_out:
                abort(404)
            return default

    if page is None:
        page = read("page", 1)
    if per_page is None:
        per_page = read("per_page", 20)
    return page, per_page


# --- the session and flashed messages ----------------------------------------------


_NO_SECRET = (
    "The session is unavailable because no secret key was set.  Set the"
    " secret_key on the application to something unique and secret."
)


def _sorted_copy(value):
    """What a value is after a round trip through the session cookie's
    JSON (keys sorted, containers copied)."""
    if isinstance(value, dict):
        return {k: _sorted_copy(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [_sorted_copy(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_sorted_copy(v) for v in value)
    return value


class SecureCookieSession:
    def __init__(self, data=None, null=False):
        self._data = dict(data or {})
        self._null = null
        self.modified = False
        self.accessed = False
        self.permanent = False
        self.new = not data

    def _write(self):
        if self._null:
            raise RuntimeError(_NO_SECRET)
        self.modified = True
        self.accessed = True

    def __getitem__(self, key):
        self.accessed = True
        return self._data[key]

    def get(self, key, default=None):
        self.accessed = True
        return self._data.get(key, default)

    def __setitem__(self, key, value):
        self._write()
        self._data[key] = value

    def __delitem__(self, key):
        self._write()
        del self._data[key]

    def setdefault(self, key, default=None):
        if key not in self._data:
            self._write()
        self.accessed = True
        return self._data.setdefault(key, default)

    def pop(self, key, *default):
        self._write()
        return self._data.pop(key, *default)

    def clear(self):
        self._write()
        self._data.clear()

    def update(self, *args, **kwargs):
        self._write()
        self._data.update(*args, **kwargs)

    def __contains__(self, key):
        self.accessed = True
        return key in self._data

    def __iter__(self):
        self.accessed = True
        return iter(list(self._data))

    def __len__(self):
        return len(self._data)

    def keys(self):
        return self._data.keys()

    def values(self):
        return self._data.values()

    def items(self):
        return self._data.items()

    def __repr__(self):
        name = "NullSession" if self._null else "SecureCookieSession"
        return f"<{name} {self._data!r}>"


def _current_session():
    req = _current_request()
    return req._session


class _SessionProxy:
    """flask.session: the session of the request being handled."""

    def __getattr__(self, name):
        return getattr(_current_session(), name)

    def __getitem__(self, key):
        return _current_session()[key]

    def __setitem__(self, key, value):
        _current_session()[key] = value

    def __delitem__(self, key):
        del _current_session()[key]

    def __contains__(self, key):
        return key in _current_session()

    def __iter__(self):
        return iter(_current_session())

    def __len__(self):
        return len(_current_session())

    def __repr__(self):
        return repr(_current_session())


session = _SessionProxy()


def flash(message, category="message"):
    current = _current_session()
    flashes = current.get("_flashes", [])
    flashes.append((category, message))
    current["_flashes"] = flashes


def get_flashed_messages(with_categories=False, category_filter=()):
    req = _current_request()
    flashes = getattr(req, "_flashes", None)
    if flashes is None:
        current = req._session
        flashes = current.pop("_flashes") if "_flashes" in current else []
        req._flashes = flashes
    if category_filter:
        flashes = [f for f in flashes if f[0] in category_filter]
    if not with_categories:
        return [f[1] for f in flashes]
    return flashes


class _AppCtxGlobals:
    def get(self, name, default=None):
        return self.__dict__.get(name, default)

    def pop(self, name, *default):
        return self.__dict__.pop(name, *default)

    def setdefault(self, name, default=None):
        return self.__dict__.setdefault(name, default)

    def __contains__(self, name):
        return name in self.__dict__

    def __iter__(self):
        return iter(self.__dict__)

    def __repr__(self):
        return "<flask.g of 'scenario'>"


g = _AppCtxGlobals()


# --- URL rules ------------------------------------------------------------------------

_WEIGHTS = {"default": 100, "string": 100, "int": 50, "float": 50, "uuid": 50, "path": 200, "any": 100}


class _Converter:
    def __init__(self, kind, args):
        self.kind = kind
        self.args = args

    def to_python(self, text):
        """The value of a path part, or None when the part does not match."""
        kind = self.kind
        if text == "":
            return None
        if kind in ("default", "string"):
            if "/" in text:
                return None
            length = self.args.get("length")
            if length is not None and len(text) != length:
                return None
            if len(text) < self.args.get("minlength", 1):
                return None
            maxlength = self.args.get("maxlength")
            if maxlength is not None and len(text) > maxlength:
                return None
            return text
        if kind == "path":
            return text
        if kind == "int":
            body = text
            if self.args.get("signed") and body.startswith("-"):
                body = body[1:]
            if not body or not all(c in "0123456789" for c in body):
                return None
            value = int(text)
            return self._bounded(value, text)
        if kind == "float":
            body = text
            if self.args.get("signed") and body.startswith("-"):
                body = body[1:]
            whole, dot, frac = body.partition(".")
            if not dot or not whole or not frac:
                return None
            if not all(c in "0123456789" for c in whole + frac):
                return None
            return self._bounded(float(text), text)
        if kind == "uuid":
            parts = text.split("-")
            if [len(p) for p in parts] != [8, 4, 4, 4, 12]:
                return None
            if not all(c in "0123456789abcdefABCDEF" for c in "".join(parts)):
                return None
            return _uuid.UUID(text)
        if kind == "any":
            return text if text in self.args.get("items", []) else None
        return text

    def _bounded(self, value, text):
        digits = self.args.get("fixed_digits", 0)
        if digits and len(text) != digits:
            return None
        low = self.args.get("min")
        high = self.args.get("max")
        if (low is not None and value < low) or (high is not None and value > high):
            return None
        return value

    def to_url(self, value):
        if self.kind == "path":
            return _quote(str(value), "!$&'()*+,/:;=@")
        if self.kind == "int" and self.args.get("fixed_digits"):
            return str(value).zfill(self.args["fixed_digits"])
        return _quote(str(value), "!$&'()*+,/:;=@")


def _parse_converter_args(text):
    """The arguments of `int(min=1)` or `any(a, b)`."""
    args = {}
    items = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        if "=" in part:
            key, _, value = part.partition("=")
            args[key.strip()] = _literal(value.strip())
        else:
            items.append(_literal(part))
    if items:
        args["items"] = items
    return args


def _literal(text):
    if text in ("True", "False"):
        return text == "True"
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


class Rule:
    def __init__(self, string, methods=None, endpoint=None, strict_slashes=None, defaults=None):
        if not string.startswith("/"):
            raise ValueError(f"urls must start with a leading slash")
        self.rule = string
        self.endpoint = endpoint
        self.defaults = defaults
        self.strict_slashes = strict_slashes
        if methods is None:
            self.methods = None
        else:
            found = set([m.upper() for m in methods])
            if "HEAD" not in found and "GET" in found:
                found.add("HEAD")
            self.methods = found
        self.segments = []
        self.arguments = []
        for piece in string[1:].split("/"):
            self.segments.append(self._parse_segment(piece))

    def _parse_segment(self, piece):
        parts = []
        rest = piece
        while rest:
            start = rest.find("<")
            if start < 0:
                parts.append(("static", rest))
                break
            end = rest.find(">", start)
            if end < 0:
                raise ValueError(f"malformed url rule: {self.rule!r}")
            if start > 0:
                parts.append(("static", rest[:start]))
            inner = rest[start + 1:end]
            if ":" in inner:
                spec, _, name = inner.partition(":")
            else:
                spec, name = "default", inner
            kind, paren, arg_text = spec.partition("(")
            kind = kind.strip()
            if kind not in _WEIGHTS:
                raise LookupError(f"the converter {kind!r} does not exist")
            converter = _Converter(kind, _parse_converter_args(arg_text.rstrip(")")) if paren else {})
            name = name.strip()
            if name in self.arguments:
                raise ValueError(f"variable name {name!r} used twice.")
            self.arguments.append(name)
            parts.append(("var", name, converter))
            rest = rest[end + 1:]
        return parts

    def match_segments(self, segments):
        """The rule's variables for a path's segments, with each segment's
        weight (static parts are preferred to variables), or None."""
        values = {}
        weights = []
        i = 0
        for index, parts in enumerate(self.segments):
            if len(parts) == 1 and parts[0][0] == "var" and parts[0][2].kind == "path":
                if index != len(self.segments) - 1:
                    rest_rule = len(self.segments) - index - 1
                    if len(segments) - i <= rest_rule:
                        return None
                    take = len(segments) - i - rest_rule
                else:
                    take = len(segments) - i
                text = "/".join(segments[i:i + take])
                value = parts[0][2].to_python(text)
                if value is None:
                    return None
                values[parts[0][1]] = value
                weights.append(200)
                i += take
                continue
            if i >= len(segments):
                return None
            matched = _match_parts(parts, segments[i], values)
            if matched is None:
                return None
            weights.append(matched)
            i += 1
        if i != len(segments):
            return None
        return values, weights

    def build(self, values):
        out = []
        for parts in self.segments:
            piece = ""
            for part in parts:
                if part[0] == "static":
                    piece += part[1]
                else:
                    piece += part[2].to_url(values[part[1]])
            out.append(piece)
        return "/" + "/".join(out)

    def _display(self):
        pieces = []
        for parts in self.segments:
            piece = ""
            for part in parts:
                piece += part[1] if part[0] == "static" else f"<{part[1]}>"
            pieces.append(piece)
        return "/" + "/".join(pieces)

    def __repr__(self):
        methods = ""
        if self.methods:
            methods = f" ({', '.join(self.methods)})"
        return f"<Rule '{self._display()}'{methods} -> {self.endpoint}>"


def _match_parts(parts, segment, values):
    if len(parts) == 1 and parts[0][0] == "static":
        return 0 if parts[0][1] == segment else None
    if not parts:
        return 0 if segment == "" else None
    rest = segment
    weight = 0
    found = {}
    for index, part in enumerate(parts):
        if part[0] == "static":
            if not rest.startswith(part[1]):
                return None
            rest = rest[len(part[1]):]
            continue
        following = parts[index + 1][1] if index + 1 < len(parts) else None
        if following is None:
            text, rest = rest, ""
        else:
            cut = rest.find(following)
            if cut < 0:
                return None
            text, rest = rest[:cut], rest[cut:]
        value = part[2].to_python(text)
        if value is None:
            return None
        found[part[1]] = value
        weight = max(weight, _WEIGHTS[part[2].kind])
    if rest:
        return None
    values.update(found)
    return weight


class Map:
    def __init__(self):
        self._rules = []

    def add(self, rule):
        self._rules.append(rule)

    def iter_rules(self, endpoint=None):
        if endpoint is None:
            return iter(list(self._rules))
        return iter([r for r in self._rules if r.endpoint == endpoint])

    def match(self, path, method):
        """(rule, values) for a path and method; raises NotFound,
        MethodNotAllowed or RequestRedirect as werkzeug's matcher does."""
        segments = path[1:].split("/")
        best = None
        allowed = []
        for order, rule in enumerate(self._rules):
            found = rule.match_segments(segments)
            if found is None:
                continue
            values, weights = found
            if rule.methods is not None and method not in rule.methods and method != "OPTIONS":
                for m in rule.methods:
                    if m not in allowed:
                        allowed.append(m)
                continue
            key = (weights, order)
            if best is None or key < best[0]:
                best = (key, rule, values)
        if best is not None:
            return best[1], best[2]
        if allowed:
            return MethodNotAllowed(valid_methods=_allow_order(allowed)), None
        if not path.endswith("/"):
            slashed = self.match(path + "/", method)
            if slashed[1] is not None and slashed[0].rule.endswith("/"):
                return RequestRedirect("http://localhost" + path + "/"), None
        return NotFound(), None

    def allowed_methods(self, path):
        segments = path[1:].split("/")
        methods = []
        for rule in self._rules:
            if rule.match_segments(segments) is not None and rule.methods:
                for m in rule.methods:
                    if m not in methods:
                        methods.append(m)
        if methods and "OPTIONS" not in methods:
            methods.append("OPTIONS")
        return methods

    def __repr__(self):
        rules = ",\n ".join(repr(r) for r in self._rules)
        return f"Map([{rules}])"


def _allow_order(methods):
    found = set(methods)
    found.add("OPTIONS")
    return list(found)


# --- applications and blueprints ------------------------------------------------------


class _Scaffold:
    def route(self, rule, **options):
        self._check_setup("route")
        def decorator(f):
            endpoint = options.pop("endpoint", None)
            self.add_url_rule(rule, endpoint, f, **options)
            return f
        return decorator

    def _method_route(self, method, rule, options):
        if "methods" in options:
            raise TypeError("Use the 'route' decorator to use the 'methods' argument.")
        return self.route(rule, methods=[method], **options)

    def get(self, rule, **options):
        self._check_setup("get")
        return self._method_route("GET", rule, options)

    def post(self, rule, **options):
        self._check_setup("post")
        return self._method_route("POST", rule, options)

    def put(self, rule, **options):
        self._check_setup("put")
        return self._method_route("PUT", rule, options)

    def delete(self, rule, **options):
        self._check_setup("delete")
        return self._method_route("DELETE", rule, options)

    def patch(self, rule, **options):
        self._check_setup("patch")
        return self._method_route("PATCH", rule, options)

    def errorhandler(self, code_or_exception):
        self._check_setup("errorhandler")
        def decorator(f):
            self.register_error_handler(code_or_exception, f)
            return f
        return decorator

    def register_error_handler(self, code_or_exception, f):
        self._check_setup("register_error_handler")
        if isinstance(code_or_exception, int):
            if code_or_exception not in _BY_CODE:
                raise ValueError(
                    f"'{code_or_exception}' is not a recognized HTTP error code."
                    " Use a subclass of HTTPException with that code instead."
                )
            key = _BY_CODE[code_or_exception]
        else:
            key = code_or_exception
        self.error_handlers.append((key, f))

    def before_request(self, f):
        self._check_setup("before_request")
        self.before_request_funcs.append(f)
        return f

    def after_request(self, f):
        self._check_setup("after_request")
        self.after_request_funcs.append(f)
        return f

    def teardown_request(self, f):
        self._check_setup("teardown_request")
        self.teardown_request_funcs.append(f)
        return f

    def context_processor(self, f):
        self._check_setup("context_processor")
        return f

    def template_filter(self, name=None):
        def decorator(f):
            return f
        return decorator


def _methods_of(options):
    methods = options.pop("methods", None)
    if methods is None:
        return ["GET"]
    if isinstance(methods, str):
        raise TypeError(
            "Allowed methods must be a list of strings, for example:"
            ' @app.route(..., methods=["POST"])'
        )
    return [m.upper() for m in methods]


class Blueprint(_Scaffold):
    def __init__(self, name, import_name, url_prefix=None, **options):
        if "." in name:
            raise ValueError("'name' may not contain a dot '.' character.")
        self.name = name
        self.import_name = import_name
        self.url_prefix = url_prefix
        self._deferred = []
        self.error_handlers = []
        self.before_request_funcs = []
        self.after_request_funcs = []
        self.teardown_request_funcs = []
        self._registered = False

    def _check_setup(self, name):
        if self._registered:
            raise AssertionError(
                f"The setup method '{name}' can no longer be called on the blueprint"
                f" '{self.name}'. It has already been registered at least once, any"
                " changes will not be applied consistently.\nMake sure all imports,"
                " decorators, functions, etc. needed to set up the blueprint are done"
                " before registering it."
            )

    def add_url_rule(self, rule, endpoint=None, view_func=None, **options):
        if endpoint is None and view_func is not None:
            endpoint = view_func.__name__
        if endpoint is not None and "." in endpoint:
            raise ValueError("'endpoint' may not contain a dot '.' character.")
        self._deferred.append((rule, endpoint, view_func, options))

    def app_errorhandler(self, code):
        def decorator(f):
            self._deferred_app_handlers = getattr(self, "_deferred_app_handlers", [])
            self._deferred_app_handlers.append((code, f))
            return f
        return decorator

    def __repr__(self):
        return f"<Blueprint {self.name!r}>"


class WebApp(_Scaffold):
    """The request side of one Flask application (`app` is the native
    Flask object: its config lives there)."""

    def __init__(self, app, name):
        self.app = app
        self.name = name
        self.url_map = Map()
        self.view_functions = {}
        self.error_handlers = []
        self.before_request_funcs = []
        self.after_request_funcs = []
        self.teardown_request_funcs = []
        self.blueprints = {}
        self.json = DefaultJSONProvider(self)
        self.response_class = Response
        self._got_first_request = False
        self.add_url_rule("/static/<path:filename>", "static", _static_view)

    # configuration read through the Flask object's config
    def _config(self, key, default=None):
        return self.app.config.get(key, default)

    @property
    def debug(self):
        return bool(self._config("DEBUG", False))

    @debug.setter
    def debug(self, value):
        self.app.config["DEBUG"] = value

    @property
    def testing(self):
        return bool(self._config("TESTING", False))

    @testing.setter
    def testing(self, value):
        self.app.config["TESTING"] = value

    @property
    def secret_key(self):
        return self._config("SECRET_KEY")

    @secret_key.setter
    def secret_key(self, value):
        self.app.config["SECRET_KEY"] = value

    def _check_setup(self, name):
        if self._got_first_request:
            raise AssertionError(_SETUP_FINISHED.format(name))

    def add_url_rule(self, rule, endpoint=None, view_func=None, provide_automatic_options=None, **options):
        self._check_setup("add_url_rule")
        if endpoint is None:
            if view_func is None:
                raise AssertionError("expected view func if endpoint is not provided.")
            endpoint = view_func.__name__
        methods = _methods_of(options)
        required = ["OPTIONS"] if "OPTIONS" not in methods else []
        url_rule = Rule(rule, methods=methods + required, endpoint=endpoint,
                        strict_slashes=options.get("strict_slashes"),
                        defaults=options.get("defaults"))
        self.url_map.add(url_rule)
        if view_func is not None:
            old = self.view_functions.get(endpoint)
            if old is not None and old != view_func:
                raise AssertionError(
                    f"View function mapping is overwriting an existing endpoint function: {endpoint}"
                )
            self.view_functions[endpoint] = view_func

    def register_blueprint(self, blueprint, url_prefix=None, **options):
        self._check_setup("register_blueprint")
        name = blueprint.name
        if name in self.blueprints and self.blueprints[name] is not blueprint:
            raise ValueError(
                f"The name '{name}' is already registered for a different blueprint."
                " Use 'name=' to provide a unique name."
            )
        self.blueprints[name] = blueprint
        prefix = url_prefix if url_prefix is not None else blueprint.url_prefix
        for rule, endpoint, view_func, rule_options in blueprint._deferred:
            full = rule
            if prefix:
                full = prefix.rstrip("/") + ("/" + rule.lstrip("/") if rule else "")
            self.add_url_rule(full, f"{name}.{endpoint}", view_func, **dict(rule_options))
        for key, f in blueprint.error_handlers:
            self.error_handlers.append((key, f, name))
        for code, f in getattr(blueprint, "_deferred_app_handlers", []):
            self.register_error_handler(code, f)
        self.before_request_funcs.extend(blueprint.before_request_funcs)
        self.after_request_funcs.extend(blueprint.after_request_funcs)
        self.teardown_request_funcs.extend(blueprint.teardown_request_funcs)
        blueprint._registered = True

    def test_client(self, use_cookies=True, **kwargs):
        return FlaskClient(self, use_cookies)

    def test_request_context(self, *args, **kwargs):
        req = _build_request(self, *args, **kwargs)
        return RequestContext(self, req)

    def make_response(self, rv):
        return _make_response(self, rv, None)

    def run(self, host=None, port=None, debug=None, **options):
        print(f" * Serving Flask app '{self.name}'", file=_sys.stderr)
        print(f" * Debug mode: {'on' if (debug or self.debug) else 'off'}", file=_sys.stderr)
        print(
            " * Retort runs no web server: app.run() returns at once. Send requests"
            " to your routes with app.test_client(), for example"
            " app.test_client().get('/').",
            file=_sys.stderr,
        )

    # -- handling a request --

    def _handle(self, req, client_session):
        """The response to one request (werkzeug's wsgi_app)."""
        self._got_first_request = True
        req._session = _open_session(self, client_session)
        _request_stack.append(req)
        error = None
        try:
            try:
                response = self._full_dispatch(req)
            except Exception as e:
                error = e
                response = self._handle_exception(req, e)
            _save_session(req._session, response)
            return response
        finally:
            for f in reversed(self.teardown_request_funcs):
                f(error)
            _request_stack.pop()

    def _full_dispatch(self, req):
        try:
            rv = None
            for f in self.before_request_funcs:
                rv = f()
                if rv is not None:
                    break
            if rv is None:
                rv = self._dispatch(req)
        except Exception as e:
            rv = self._handle_user_exception(req, e)
        response = _make_response(self, rv, req)
        for f in reversed(self.after_request_funcs):
            response = f(response)
        return response

    def _dispatch(self, req):
        found, values = self.url_map.match(req.path, req.method)
        if values is None:
            raise found
        req.url_rule = found
        req.view_args = values
        if req.method == "OPTIONS":
            response = Response()
            response.headers["Allow"] = ", ".join(_allow_order(self.url_map.allowed_methods(req.path)))
            return response
        view = self.view_functions[found.endpoint]
        return view(**values)

    def _find_handler(self, error, req):
        blueprint = req.blueprint if req is not None else None
        for cls in type(error).__mro__:
            for entry in self.error_handlers:
                if len(entry) == 3 and entry[2] != blueprint:
                    continue
                if entry[0] is cls:
                    return entry[1]
        return None

    def _handle_user_exception(self, req, e):
        if isinstance(e, HTTPException):
            if isinstance(e, RequestRedirect) or e.code is None:
                return e
            handler = self._find_handler(e, req)
            if handler is None:
                return e
            return handler(e)
        handler = self._find_handler(e, req)
        if handler is None:
            raise e
        return handler(e)

    def _handle_exception(self, req, e):
        if self.testing or self.debug:
            raise e
        print(
            f"ERROR in app: Exception on {req.path} [{req.method}]\n"
            f"{type(e).__name__}: {e}",
            file=_sys.stderr,
        )
        server_error = InternalServerError(original_exception=e)
        handler = self._find_handler(server_error, req)
        rv = server_error if handler is None else handler(server_error)
        return _make_response(self, rv, req)

    def __repr__(self):
        return f"<Flask {self.name!r}>"


def _static_view(filename):
    raise NotFound()


def _make_response(web, rv, req):
    status = None
    headers = None
    if isinstance(rv, tuple):
        if len(rv) == 3:
            rv, status, headers = rv
        elif len(rv) == 2:
            if isinstance(rv[1], (Headers, dict, tuple, list)):
                rv, headers = rv
            else:
                rv, status = rv
        else:
            raise TypeError(
                "The view function did not return a valid response tuple. The tuple"
                " must have the form (body, status, headers), (body, status), or"
                " (body, headers)."
            )
    if rv is None:
        endpoint = req.endpoint if req is not None else None
        raise TypeError(
            f"The view function for {endpoint!r} did not return a valid"
            " response. The function either returned None or ended without a"
            " return statement."
        )
    if isinstance(rv, HTTPException):
        rv = rv.get_response()
    elif isinstance(rv, Response):
        pass
    elif isinstance(rv, (str, bytes)):
        rv = Response(rv, status=status, headers=headers)
        status = headers = None
    elif isinstance(rv, (dict, list)):
        rv = web.json.response(rv)
    else:
        raise TypeError(
            "The view function did not return a valid response. The return type"
            " must be a string, dict, list, tuple with headers or status,"
            f" Response instance, or WSGI callable, but it was a {type(rv).__name__}."
        )
    if status is not None:
        rv.status = status
    if headers:
        for key, value in _pairs_of(headers):
            rv.headers[key] = value
    return rv


def _save_session(current, response):
    """Flask's SecureCookieSessionInterface.save_session: the headers a
    used session adds to the response."""
    if current is None or current._null:
        return
    if current.accessed:
        vary = response.headers.get("Vary")
        if vary is None:
            response.headers.add("Vary", "Cookie")
        elif "cookie" not in vary.lower():
            response.headers["Vary"] = vary + ", Cookie"
    if not current.modified:
        return
    if not current._data:
        if current.new:
            return
        response.delete_cookie("session")
        return
    payload = _json.dumps(current._data, sort_keys=True, separators=(",", ":"), default=str)
    token = "".join(_HEX[b // 16] + _HEX[b % 16] for b in payload.encode("utf-8")[:24])
    response.headers.add("Set-Cookie", f"session={token}; HttpOnly; Path=/")


def _open_session(web, stored):
    if not web.secret_key:
        return SecureCookieSession(null=True)
    return SecureCookieSession(_sorted_copy(stored.get(id(web), {})))


class RequestContext:
    def __init__(self, web, req):
        self.web = web
        self.request = req
        req._session = _open_session(web, {})
        found, values = web.url_map.match(req.path, req.method)
        if values is not None:
            req.url_rule = found
            req.view_args = values
        else:
            req.routing_exception = found

    def push(self):
        _request_stack.append(self.request)

    def pop(self, exc=None):
        if self.request in _request_stack:
            _request_stack.remove(self.request)

    def __enter__(self):
        self.push()
        return self

    def __exit__(self, exc_type, exc_value, tb):
        self.pop()
        return False


def _build_request(web, path="/", base_url=None, query_string=None, method="GET",
                   json=None, data=None, headers=None, content_type=None,
                   remote_addr=None, **ignored):
    if json is not None and data is not None:
        raise TypeError("can't provide both json and data")
    if path.startswith("http://") or path.startswith("https://"):
        rest = path.partition("://")[2]
        path = "/" + rest.partition("/")[2]
    path, _, query = path.partition("?")
    if query_string is not None:
        if isinstance(query_string, str):
            query = query_string
        else:
            query = _url_encode_pairs(_pairs_of(query_string))
    path = _unquote(path, False) or "/"
    header_list = [("Host", "localhost")]
    if remote_addr is not None:
        header_list.insert(0, ("User-Agent", "Werkzeug/3.1.9"))
    body = b""
    if json is not None:
        body = web.json.dumps(json).encode("utf-8")
        if content_type is None:
            content_type = "application/json"
    elif isinstance(data, dict) or isinstance(data, MultiDict):
        body = _url_encode_pairs(_pairs_of(data)).encode("utf-8")
        if content_type is None:
            content_type = "application/x-www-form-urlencoded"
    elif isinstance(data, str):
        body = data.encode("utf-8")
    elif isinstance(data, bytes):
        body = data
    if content_type is not None:
        header_list.append(("Content-Type", content_type))
    if body:
        header_list.append(("Content-Length", str(len(body))))
    for key, value in _pairs_of(headers):
        header_list.append((key, value))
    return Request(web, method.upper(), path, query, body, header_list, remote_addr)


class FlaskClient:
    def __init__(self, web, use_cookies=True):
        self.application = web.app
        self._web = web
        self._sessions = {}
        self._use_cookies = use_cookies

    def open(self, path="/", *args, method="GET", follow_redirects=False, buffered=False, **kwargs):
        web = self._web
        history = []
        req = _build_request(web, path, method=method, remote_addr="127.0.0.1", **kwargs)
        while True:
            response = web._handle(req, self._sessions)
            self._save_session(req)
            result = TestResponse(response, req, tuple(history))
            location = response.headers.get("Location")
            if not follow_redirects or response.status_code not in (301, 302, 303, 305, 307, 308) or not location:
                return result
            history.append(result)
            if response.status_code in (307, 308):
                req = _build_request(web, location, method=req.method, remote_addr="127.0.0.1",
                                     data=req._body or None,
                                     content_type=req.headers.get("Content-Type"))
            else:
                req = _build_request(web, location, method="GET", remote_addr="127.0.0.1")

    def _save_session(self, req):
        current = req._session
        if current is None or current._null or not self._use_cookies:
            return
        if current.modified:
            self._sessions[id(self._web)] = dict(current._data)

    def get(self, *args, **kwargs):
        return self.open(*args, method="GET", **kwargs)

    def post(self, *args, **kwargs):
        return self.open(*args, method="POST", **kwargs)

    def put(self, *args, **kwargs):
        return self.open(*args, method="PUT", **kwargs)

    def patch(self, *args, **kwargs):
        return self.open(*args, method="PATCH", **kwargs)

    def delete(self, *args, **kwargs):
        return self.open(*args, method="DELETE", **kwargs)

    def head(self, *args, **kwargs):
        return self.open(*args, method="HEAD", **kwargs)

    def options(self, *args, **kwargs):
        return self.open(*args, method="OPTIONS", **kwargs)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, tb):
        return False

    def __repr__(self):
        return f"<FlaskClient {self._web!r}>"


# --- helpers flask exports ---------------------------------------------------------------


def _current_app():
    """The application whose context is pushed (set by the native side)."""
    return None


def _current_web():
    if _request_stack:
        return _request_stack[-1].app
    app = _current_app()
    if app is not None:
        return app._web
    raise RuntimeError(
        "Working outside of application context.\n\nThis typically means that you"
        " attempted to use functionality that needed\nthe current application. To"
        " solve this, set up an application context\nwith app.app_context(). See"
        " the documentation for more information."
    )


def new_web_app(app, name):
    return WebApp(app, name)


def jsonify(*args, **kwargs):
    return _current_web().json.response(*args, **kwargs)


def make_response(*args):
    if not args:
        return Response()
    if len(args) == 1:
        args = args[0]
    return _make_response(_current_web(), args, _request_stack[-1] if _request_stack else None)


def render_template(template_name_or_list, **context):
    name = template_name_or_list
    if isinstance(name, (list, tuple)):
        name = ", ".join(name)
    raise TemplateNotFound(name)


def url_for(endpoint, *, _anchor=None, _method=None, _scheme=None, _external=None, **values):
    if not _request_stack:
        _current_web()
        raise RuntimeError(
            "Unable to build URLs outside an active request without 'SERVER_NAME'"
            " configured. Also configure 'APPLICATION_ROOT' and"
            " 'PREFERRED_URL_SCHEME' as needed."
        )
    req = _request_stack[-1]
    web = req.app
    if endpoint.startswith(".") and req.blueprint:
        endpoint = req.blueprint + endpoint
    given = {k: v for k, v in values.items() if v is not None}
    for rule in web.url_map.iter_rules(endpoint):
        if all(name in given for name in rule.arguments):
            path = rule.build(given)
            extra = [(k, v) for k, v in values.items() if k not in rule.arguments]
            query = _url_encode_pairs(_pairs_of(extra))
            url = path + ("?" + query if query else "")
            if _anchor is not None:
                url += "#" + _quote(_anchor, "!$&'()*+,/:;=?@")
            if _external:
                url = "http://localhost" + url
            return url
    raise BuildError(_build_error_message(web.url_map, endpoint, values, _method))


def _build_error_message(url_map, endpoint, values, method):
    """werkzeug's BuildError text: the closest rule suggested."""
    message = f"Could not build url for endpoint {endpoint!r}"
    if method:
        message += f" ({method!r})"
    if values:
        message += f" with values {sorted(values)!r}"
    message += "."
    best = None
    best_score = -1.0
    for rule in url_map._rules:
        score = (
            0.98 * _ratio(str(rule.endpoint), str(endpoint))
            + 0.01 * all(k in rule.arguments for k in values)
            + 0.01 * bool(rule.methods and method in rule.methods)
        )
        if score > best_score:
            best, best_score = rule, score
    if best is None:
        return message
    if best.endpoint == endpoint:
        missing = [a for a in best.arguments if a not in values]
        missing += [d for d in (best.defaults or {}) if d not in values and d not in missing]
        if missing:
            message += f" Did you forget to specify values {sorted(missing)!r}?"
    else:
        message += f" Did you mean {best.endpoint!r} instead?"
    return message


def _ratio(a, b):
    matches = _matching(a, b)
    total = len(a) + len(b)
    return 2.0 * matches / total if total else 1.0


def _matching(a, b):
    if not a or not b:
        return 0
    best_len = 0
    best_i = best_j = 0
    for i in range(len(a)):
        for j in range(len(b)):
            k = 0
            while i + k < len(a) and j + k < len(b) and a[i + k] == b[j + k]:
                k += 1
            if k > best_len:
                best_len, best_i, best_j = k, i, j
    if best_len == 0:
        return 0
    return (
        best_len
        + _matching(a[:best_i], b[:best_j])
        + _matching(a[best_i + best_len:], b[best_j + best_len:])
    )


class _CurrentAppProxy:
    def __getattr__(self, name):
        return getattr(_current_web().app, name)

    def __repr__(self):
        return repr(_current_web())


current_app = _CurrentAppProxy()
