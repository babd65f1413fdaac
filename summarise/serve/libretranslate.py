"""LibreTranslate's API, so its clients (Nextcloud, open-webui, RSS readers, libretranslatepy...) work
unchanged: /translate, /translate_file, /download_file, /languages, /detect, /frontend/settings.

Requests and answers follow LibreTranslate's app.py: parameters from a JSON body, or else from the
form and the query string together; errors as {"error": "..."} with LibreTranslate's codes and
messages (400 bad request or unsupported language, 403 bad API key, 429 over the rate limit). The
fidelity verdict of each translation rides in headers (`X-Summarise-Checks`), so the JSON stays
exactly LibreTranslate's.
"""

from __future__ import annotations

import posixpath

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .language import LANGUAGES
from .state import state
from .uploads import check_upload, display_name

SOURCE, TARGET = "de", "en"
FILE_FORMATS = [".txt", ".md", ".pdf", ".html", ".htm", ".docx"]
FRONTEND_TIMEOUT_MS = 500


class BadRequest(Exception):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def _error(message: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def request_args(request: Request) -> tuple[dict, object]:
    """LibreTranslate's get_req_args: a JSON body if the request is JSON, else form fields and query
    parameters together (deep-translator sends its fields in the query string of a POST)."""
    content_type = request.headers.get("content-type", "")
    if _is_json(request):
        try:
            body = await request.json()
        except (ValueError, UnicodeDecodeError):
            raise BadRequest("Invalid request: the body is not valid JSON") from None
        if not isinstance(body, dict):
            raise BadRequest("Invalid request: the JSON body must be an object")
        return body, None
    args: dict = dict(request.query_params)
    form = None
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form(max_files=1, max_fields=50)
        args.update({k: v for k, v in form.items() if not isinstance(v, UploadFile)})
    return args, form


def _is_json(request: Request) -> bool:
    return request.headers.get("content-type", "").split(";")[0].strip().lower() == "application/json"


def _authorise(request: Request, args: dict) -> None:
    s = state(request)
    key = args.get("api_key") or request.headers.get("x-api-key") or _bearer(request)
    s.access.check(key if isinstance(key, str) else None, request.client.host if request.client else "?")


def _bearer(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    return auth[7:].strip() if auth.lower().startswith("bearer ") else None


def _language_error(source: str, target: str) -> str | None:
    """LibreTranslate's messages for a language it lacks or a pair it cannot translate."""
    if source not in LANGUAGES:
        return f"{source} is not supported"
    if target not in LANGUAGES:
        return f"{target} is not supported"
    if (source, target) != (SOURCE, TARGET):
        return (f"{LANGUAGES[target]} ({target}) is not available as a target language from "
                f"{LANGUAGES[source]} ({source})")  # fmt: skip
    return None


def _checks_headers(translations) -> dict[str, str]:
    problems = sum(len(b.check.problems) for t in translations for b in t.blocks)
    return {"X-Summarise-Checks": "passed" if not problems else "failed", "X-Summarise-Problems": str(problems)}


async def translate(request: Request) -> Response:
    from .engine import rejoin
    from .work import html_rejoin, html_texts

    s = state(request)
    try:
        args, _ = await request_args(request)
        _authorise(request, args)
        q, source, target = args.get("q"), args.get("source"), args.get("target")
        text_format = args.get("format") or "text"
        if not q:
            raise BadRequest("Invalid request: missing q parameter")
        if not source:
            raise BadRequest("Invalid request: missing source parameter")
        if not target:
            raise BadRequest("Invalid request: missing target parameter")
        batch = isinstance(q, list)
        texts = q if batch else [q]
        if not all(isinstance(t, str) for t in texts):
            raise BadRequest("Invalid request: q must be a string or a list of strings")
        if not _is_json(request):
            texts = ["\n".join(t.splitlines()) for t in texts]  # LibreTranslate counts LF line ends
        chars = sum(len(t) for t in texts)
        if chars > s.config.max_chars:
            raise BadRequest(f"Invalid request: request ({chars}) exceeds text limit ({s.config.max_chars})")
        if source == "auto":  # in a worker thread: the event loop never waits on a model
            detected = [d[0] for d in await s.run(lambda: [s.engine.detect(t) for t in texts])]
            sources = [d["language"] for d in detected]
        else:
            detected, sources = None, [source] * len(texts)
        for src in sources:
            problem = _language_error(str(src), str(target))
            if problem:
                raise BadRequest(problem)
        if text_format not in ("text", "html"):
            raise BadRequest(f"{text_format} format is not supported")
    except BadRequest as e:
        return _error(str(e), e.status)

    if text_format == "html":
        parsed = [html_texts(t) for t in texts]
        flat = [piece for _, pieces, _ in parsed for piece in pieces]
        translations = await s.run(s.engine.translate_texts, flat)
        outputs, start = [], 0
        for pieces, found, indexes in parsed:
            chunk = translations[start : start + len(found)]
            start += len(found)
            outputs.append(html_rejoin(pieces, indexes, [t.text.replace("\n\n", " ") for t in chunk]))
    else:
        translations = await s.run(s.engine.translate_texts, texts)
        outputs = [rejoin(t, tr) for t, tr in zip(texts, translations, strict=True)]
    s.metrics.failed_blocks("/translate", translations)
    body: dict = {"translatedText": outputs if batch else outputs[0]}
    if detected is not None:
        body["detectedLanguage"] = detected if batch else detected[0]
    alternatives = args.get("alternatives")
    if alternatives not in (None, "", 0, "0"):
        body["alternatives"] = [[] for _ in texts] if batch else []
    return JSONResponse(body, headers=_checks_headers(translations))


async def translate_file(request: Request) -> Response:
    from .work import ROUND_TRIP_REPORT, read_upload, round_trip

    s = state(request)
    try:
        args, form = await request_args(request)
        _authorise(request, args)
        upload = form.get("file") if form is not None else None
        source, target = args.get("source"), args.get("target")
        if not isinstance(upload, UploadFile):
            raise BadRequest("Invalid request: missing file parameter")
        if not source:
            raise BadRequest("Invalid request: missing source parameter")
        if not target:
            raise BadRequest("Invalid request: missing target parameter")
        if not upload.filename:
            raise BadRequest("Invalid request: empty file")
        name = display_name(upload.filename)
        if posixpath.splitext(name)[1].lower() not in FILE_FORMATS:
            raise BadRequest("Invalid request: file format not supported")
        problem = _language_error(source, target)
        if problem:
            raise BadRequest(problem)
        data = await upload.read(s.config.max_upload_bytes + 1)
        [checked] = check_upload(name, data, max_bytes=s.config.max_upload_bytes)
    except BadRequest as e:
        return _error(str(e), e.status)

    def work():
        doc = read_upload(checked.name, checked.data, s.config.max_document_chars)  # the length gate first
        trip = round_trip(checked.name, checked.data, s.engine.thread_translator())
        if trip is not None:  # docx, html, markdown: the document back in its own format
            files = {"file": (trip.media, trip.body), ROUND_TRIP_REPORT: ("application/json", trip.report)}
            return trip.translation, trip.filename, files, trip.passed
        translation = s.engine.translate_document(doc)  # txt, pdf: the translation as text
        stem = posixpath.splitext(checked.name)[0]
        body = translation.text.encode() + b"\n"
        return translation, f"{stem}.txt", {"file": ("text/plain; charset=utf-8", body)}, translation.passed

    translation, filename, files, passed = await s.run(work)
    s.metrics.failed_blocks("/translate_file", [translation])
    from .work import translation_outputs

    results = translation_outputs(translation) | files
    passed = passed and translation.passed
    job_id = await s.run(_store_file, s, filename, results, passed)
    url = request.url_for("download_file", filename=f"{job_id}.{filename}")
    return JSONResponse({"translatedFileUrl": str(url)}, headers=_checks_headers([translation]))


def _store_file(s, filename: str, results, passed: bool) -> str:
    """A finished translate_file result, kept in the job database (as a done job) for its download."""
    from .uploads import Upload

    store = s.jobs.store
    job_id = store.create("file", [Upload(filename, b"")])
    store.finish_document(job_id, 0, results, passed)
    store.set_status(job_id, "done")
    return job_id


async def download_file(request: Request) -> Response:
    s = state(request)
    job_id, _, _name = request.path_params["filename"].partition(".")
    found = None
    if job_id.isalnum() and len(job_id) == 32:
        found = await s.run(s.jobs.store.result, job_id, 0, "file")
    if found is None:
        return _error("Invalid filename", 400)
    media, body, filename = found
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


async def languages(request: Request) -> JSONResponse:
    return JSONResponse(
        [
            {"code": SOURCE, "name": LANGUAGES[SOURCE], "targets": [TARGET]},
            {"code": TARGET, "name": LANGUAGES[TARGET], "targets": []},
        ]
    )


async def detect(request: Request) -> Response:
    s = state(request)
    try:
        args, _ = await request_args(request)
        _authorise(request, args)
        q = args.get("q")
        if not q:
            raise BadRequest("Invalid request: missing q parameter")
        if not isinstance(q, str):
            raise BadRequest("Invalid request: q must be a string")
    except BadRequest as e:
        return _error(str(e), e.status)
    return JSONResponse(await s.run(s.engine.detect, q))


async def frontend_settings(request: Request) -> JSONResponse:
    s = state(request)
    return JSONResponse(
        {
            "charLimit": s.config.max_chars,
            "frontendTimeout": FRONTEND_TIMEOUT_MS,
            "apiKeys": s.access.key_required,
            "keyRequired": s.access.key_required,
            "suggestions": False,
            "filesTranslation": True,
            "supportedFilesFormat": FILE_FORMATS,
            "language": {
                "source": {"code": SOURCE, "name": LANGUAGES[SOURCE]},
                "target": {"code": TARGET, "name": LANGUAGES[TARGET]},
            },
        }
    )


def routes() -> list[Route]:
    return [
        Route("/translate", translate, methods=["POST"]),
        Route("/translate_file", translate_file, methods=["POST"]),
        Route("/download_file/{filename}", download_file, methods=["GET"], name="download_file"),
        Route("/languages", languages, methods=["GET", "POST"]),
        Route("/detect", detect, methods=["POST"]),
        Route("/frontend/settings", frontend_settings, methods=["GET"]),
    ]

