"""The native API: translation, brief and check with the full fidelity report, and document jobs.

/v1/translate, /v1/brief and /v1/check answer with the JSON of `summarise translate|brief|check
--format json` (or, with "format", the text, Markdown or HTML review page the CLI would write).
/v1/jobs takes documents (files, several files, or a ZIP of a folder) and works on them in the
background; see summarise.serve.jobs.
"""

from __future__ import annotations

import io
import json
import zipfile

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..errors import InputError
from ..limits import check_length
from ..output.render import FORMATS, render_brief, render_translation
from .jobs import KINDS, RESULT_TYPES
from .libretranslate import BadRequest, _authorise, _bearer, _error, request_args  # noqa: F401
from .state import state
from .uploads import Upload, check_upload, display_name

MEDIA = {"text": "text/plain; charset=utf-8", "markdown": "text/markdown; charset=utf-8",
         "json": "application/json", "html": "text/html; charset=utf-8"}  # fmt: skip
MAX_FILES = 200  # files in one job upload


async def _article(request: Request, field: str = "text"):
    """(document, format, args) of a /v1 request: JSON {"text": ..., "format": ...}, or a form with a
    `file` upload or a `text` field."""
    from ..ingest import document_from_text
    from .work import read_upload

    s = state(request)
    args, form = await request_args(request)
    _authorise(request, args)
    fmt = args.get("format") or "json"
    if fmt not in FORMATS:
        raise BadRequest(f"{fmt} format is not supported: use one of {', '.join(FORMATS)}")
    upload = form.get("file") if form is not None else None
    if isinstance(upload, UploadFile):
        data = await upload.read(s.config.max_upload_bytes + 1)
        [checked] = check_upload(upload.filename, data, max_bytes=s.config.max_upload_bytes)
        doc = await s.run(read_upload, checked.name, checked.data, s.config.max_document_chars)
        return doc, fmt, args
    text = args.get(field)
    if not isinstance(text, str) or not text.strip():
        raise BadRequest(f"Invalid request: missing {field} parameter")
    if len(text) > s.config.max_chars:
        raise BadRequest(f"Invalid request: request ({len(text)}) exceeds text limit ({s.config.max_chars})", 413)
    doc = document_from_text(text, name="text")
    check_length(doc, s.config.max_chars, name="text")
    return doc, fmt, args


async def v1_translate(request: Request) -> Response:
    s = state(request)
    try:
        doc, fmt, _ = await _article(request)
    except BadRequest as e:
        return _error(str(e), e.status)
    translation = await s.run(s.engine.translate_document, doc)
    s.metrics.failed_blocks("/v1/translate", [translation])
    return Response(render_translation(translation, fmt), media_type=MEDIA[fmt])


async def v1_brief(request: Request) -> Response:
    s = state(request)
    if s.engine.summariser is None:
        return _error("this server has no summary model: start it with --summary-model", 501)
    try:
        doc, fmt, _ = await _article(request)
    except BadRequest as e:
        return _error(str(e), e.status)
    brief = await s.run(s.engine.brief, doc)
    s.metrics.failed_blocks("/v1/brief", [brief.translation])
    return Response(render_brief(brief, fmt), media_type=MEDIA[fmt])


def check_report(source: str, candidate: str, mode: str, fmt: str) -> tuple[str, bool]:
    """`summarise check`'s JSON or page for two texts (blocks paired when their counts match)."""
    from ..checking.checks import check_blocks, check_summary
    from ..ingest import document_from_text

    src_doc = document_from_text(source, name="source")
    cand_doc = document_from_text(candidate, name="candidate")
    src_blocks, cand_blocks = [b.text for b in src_doc.blocks], [b.text for b in cand_doc.blocks]
    kinds, unit_word = [b.kind for b in src_doc.blocks], "block"
    if mode == "summary":
        src_blocks, cand_blocks = ["\n\n".join(src_blocks)], ["\n\n".join(cand_blocks)]
        report = check_summary(src_blocks[0], cand_blocks[0])
        units, scope, kinds, unit_word = 1, "the summary checked against the whole source", None, "text"
    else:
        report = check_blocks(src_blocks, cand_blocks)
        if len(src_blocks) == len(cand_blocks):
            units, scope = len(src_blocks), f"{len(src_blocks)} block{'s' if len(src_blocks) != 1 else ''} checked one by one"
        else:
            units, scope = 1, "checked as whole texts"
    if fmt == "html":
        from ..output.html import render_check_html

        page = render_check_html(report, src_blocks, cand_blocks, mode=mode, kinds=kinds, unit_word=unit_word,
                                 scope=scope, source_name="source", candidate_name="candidate")  # fmt: skip
        return page, report.passed
    return json.dumps(report.to_dict() | {"mode": mode, "units": units}, ensure_ascii=False, indent=2), report.passed


async def v1_check(request: Request) -> Response:
    s = state(request)
    try:
        args, _ = await request_args(request)
        _authorise(request, args)
        source, candidate = args.get("source"), args.get("candidate")
        mode, fmt = args.get("mode") or "translation", args.get("format") or "json"
        for name, value in (("source", source), ("candidate", candidate)):
            if not isinstance(value, str) or not value.strip():
                raise BadRequest(f"Invalid request: missing {name} parameter")
        if mode not in ("translation", "summary"):
            raise BadRequest(f"{mode} mode is not supported: use translation or summary")
        if fmt not in ("json", "html"):
            raise BadRequest(f"{fmt} format is not supported: use json or html")
        chars = len(source) + len(candidate)
        if chars > s.config.max_chars:
            raise BadRequest(f"Invalid request: request ({chars}) exceeds text limit ({s.config.max_chars})", 413)
    except BadRequest as e:
        return _error(str(e), e.status)
    body, passed = await s.run(check_report, source, candidate, mode, fmt)
    if not passed:
        s.metrics.checks_failed.labels("/v1/check").inc()
    return Response(body, media_type=MEDIA[fmt])


# --- jobs ----------------------------------------------------------------------------------------------


async def create_job(request: Request) -> Response:
    s = state(request)
    content_type = request.headers.get("content-type", "")
    try:
        if content_type.startswith("multipart/form-data"):
            form = await request.form(max_files=MAX_FILES, max_fields=MAX_FILES + 10)
            args = dict(request.query_params) | {k: v for k, v in form.items() if not isinstance(v, UploadFile)}
            files = [f for f in form.getlist("file") if isinstance(f, UploadFile)]
        else:
            args, _ = await request_args(request)
            files = []
        who = _authorise_job(request, args)
        kind = args.get("kind") or "translate"
        if kind not in KINDS:
            raise BadRequest(f"{kind} is not a job kind: use {' or '.join(KINDS)}")
        if kind == "brief" and s.engine.summariser is None:
            raise BadRequest("this server has no summary model: start it with --summary-model", 501)
        uploads: list[Upload] = []
        budget = s.config.max_upload_bytes
        for f in files:
            data = await f.read(budget + 1)
            uploads += check_upload(f.filename, data, max_bytes=budget, archives=True)
            budget -= len(data)
        text = args.get("text")
        if isinstance(text, str) and text.strip():
            if len(text) > s.config.max_document_chars:
                raise BadRequest(f"Invalid request: text ({len(text)}) exceeds text limit ({s.config.max_document_chars})", 413)
            uploads.append(Upload(display_name(args.get("name"), "text.txt"), text.encode()))
        if not uploads:
            raise BadRequest("Invalid request: missing file or text parameter")
        if len(uploads) > MAX_FILES:
            raise BadRequest(f"Invalid request: {len(uploads)} documents, more than the limit of {MAX_FILES}")
    except BadRequest as e:
        return _error(str(e), e.status)
    job_id = await s.run(s.jobs.submit, kind, uploads, who)
    url = str(request.url_for("job", job_id=job_id))
    return JSONResponse({"id": job_id, "status": "queued", "url": url}, status_code=202, headers={"Location": url})


def _authorise_job(request: Request, args: dict) -> str:
    s = state(request)
    key = args.get("api_key") or request.headers.get("x-api-key") or _bearer(request)
    return s.access.check(key if isinstance(key, str) else None, request.client.host if request.client else "?")


def job_view(request: Request, described: dict) -> dict:
    job, docs = described["job"], described["documents"]
    done = sum(d["blocks_done"] or 0 for d in docs)
    total = sum(d["blocks_total"] or 0 for d in docs)
    known = all(d["blocks_total"] is not None for d in docs)
    finished = job["status"] == "done"
    return {
        "id": job["id"],
        "kind": job["kind"],
        "status": job["status"],
        "created": job["created"],
        "updated": job["updated"],
        "attempts": job["attempts"],
        "error": job["error"],
        "passed": all(d["passed"] for d in docs) if finished and all(d["passed"] is not None for d in docs) else None,
        "progress": {
            "documents": len(docs),
            "documents_done": sum(d["status"] in ("done", "failed") for d in docs),
            "blocks_done": done,
            "blocks_total": total if known else None,
            "fraction": 1.0 if finished else (round(done / total, 4) if known and total else 0.0),
        },
        "documents": [
            {
                "index": d["idx"],
                "name": d["name"],
                "status": d["status"],
                "passed": None if d["passed"] is None else bool(d["passed"]),
                "error": d["error"],
                "results": {
                    name: str(request.url_for("job_result", job_id=job["id"], index=str(d["idx"]), name=name))
                    for name in d["results"]
                },
            }
            for d in docs
        ],
        "download": str(request.url_for("job_zip", job_id=job["id"])) if finished else None,
    }


async def _described(request: Request) -> dict | Response:
    """The job of the URL, if the caller may see it: with API keys, only the key that created it."""
    s = state(request)
    who = _authorise_job(request, dict(request.query_params))
    job_id = request.path_params["job_id"]
    described = await s.run(s.jobs.store.describe, job_id) if job_id.isalnum() else None
    if described is None or described["job"]["kind"] not in KINDS:
        return _error("no such job", 404)
    if s.access.key_required and described["job"]["owner"] != who:
        return _error("no such job", 404)  # another key's job: not even its existence is told
    return described


async def job(request: Request) -> Response:
    described = await _described(request)
    if isinstance(described, Response):
        return described
    return JSONResponse(job_view(request, described))


async def list_jobs(request: Request) -> Response:
    s = state(request)
    who = _authorise_job(request, dict(request.query_params))
    jobs = await s.run(s.jobs.store.list, 100, who if s.access.key_required else None)
    return JSONResponse({"jobs": [j | {"url": str(request.url_for("job", job_id=j["id"]))} for j in jobs if j["kind"] in KINDS]})


async def cancel_job(request: Request) -> Response:
    s = state(request)
    described = await _described(request)
    if isinstance(described, Response):
        return described
    job_id = described["job"]["id"]
    if not await s.run(s.jobs.cancel, job_id):
        return _error(f"the job is {described['job']['status']}: only a queued or running job can be cancelled", 409)
    return JSONResponse(job_view(request, await s.run(s.jobs.store.describe, job_id)))


async def job_result(request: Request) -> Response:
    s = state(request)
    described = await _described(request)
    if isinstance(described, Response):
        return described
    name, index = request.path_params["name"], request.path_params["index"]
    if not index.isdigit() or (name not in RESULT_TYPES and not name.startswith("document.")):
        return _error("no such result", 404)
    found = await s.run(s.jobs.store.result, described["job"]["id"], int(index), name)
    if found is None:
        return _error("no such result", 404)
    media, body, doc_name = found
    stem = doc_name.rsplit(".", 1)[0] if "." in doc_name else doc_name
    filename = display_name(f"{stem}.{_shown(name)}")
    disposition = "inline" if request.query_params.get("inline") and name.endswith(".html") else "attachment"
    return Response(body, media_type=media, headers={"Content-Disposition": f'{disposition}; filename="{filename}"'})


def _shown(name: str) -> str:
    """A result's name in a download: the round trip as the CLI writes it (document.docx -> NAME.en.docx)."""
    return "en" + name[len("document") :] if name.startswith("document.") else name


async def job_zip(request: Request) -> Response:
    s = state(request)
    described = await _described(request)
    if isinstance(described, Response):
        return described
    rows = await s.run(s.jobs.store.all_results, described["job"]["id"])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        used: set[str] = set()
        for n, (doc, name, body) in enumerate(rows):
            stem = doc.rsplit(".", 1)[0] if "." in doc else doc
            path = f"{stem}.{_shown(name)}"
            if path in used:
                path = f"{n}-{path}"
            used.add(path)
            z.writestr(path, body)
    job_id = described["job"]["id"]
    return Response(buffer.getvalue(), media_type="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="summarise-{job_id[:8]}.zip"'})  # fmt: skip


async def openapi(request: Request) -> Response:
    from .openapi import spec

    return JSONResponse(spec(str(request.base_url).rstrip("/")))


def routes() -> list[Route]:
    return [
        Route("/v1/translate", v1_translate, methods=["POST"]),
        Route("/v1/brief", v1_brief, methods=["POST"]),
        Route("/v1/check", v1_check, methods=["POST"]),
        Route("/v1/jobs", create_job, methods=["POST"]),
        Route("/v1/jobs", list_jobs, methods=["GET"]),
        Route("/v1/jobs/{job_id}", job, methods=["GET"], name="job"),
        Route("/v1/jobs/{job_id}", cancel_job, methods=["DELETE"]),
        Route("/v1/jobs/{job_id}/cancel", cancel_job, methods=["POST"]),
        Route("/v1/jobs/{job_id}/results.zip", job_zip, methods=["GET"], name="job_zip"),
        Route("/v1/jobs/{job_id}/documents/{index}/{name}", job_result, methods=["GET"], name="job_result"),
        Route("/openapi.json", openapi, methods=["GET"]),
    ]


__all__ = ["InputError", "routes"]
