"""The OpenAPI 3.1 description served at /openapi.json (written out: the endpoints take JSON and form
bodies alike, as LibreTranslate's do, which no framework infers)."""

from __future__ import annotations

from .. import __version__

_ERROR = {"description": "Error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
_ERRORS = {"400": _ERROR, "403": _ERROR | {"description": "Invalid API key"}, "429": _ERROR | {"description": "Slow down"}}


def _body(properties: dict, required: list[str], *, files: bool = False) -> dict:
    schema = {"type": "object", "properties": properties, "required": required}
    content = {"application/json": {"schema": schema}, "application/x-www-form-urlencoded": {"schema": schema}}
    if files:
        content["multipart/form-data"] = {"schema": schema}
    return {"required": True, "content": content}


def _json(description: str, schema: dict | None = None) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema or {"type": "object"}}}}


_Q = {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}], "description": "Text(s) to translate"}
_KEY = {"type": "string", "description": "API key (or Authorization: Bearer KEY, X-API-Key)"}
_TEXT = {"type": "string", "description": "German article text"}
_FILE = {"type": "string", "format": "binary", "description": "An article file: txt, md, pdf, html, docx"}
_FORMAT = {"type": "string", "enum": ["json", "text", "markdown", "html"], "default": "json"}


def spec(server: str = "") -> dict:
    paths = {
        "/translate": {"post": {
            "tags": ["LibreTranslate"], "summary": "Translate text (LibreTranslate)",
            "requestBody": _body({"q": _Q, "source": {"type": "string", "enum": ["de", "auto"]},
                                  "target": {"type": "string", "enum": ["en"]},
                                  "format": {"type": "string", "enum": ["text", "html"]}, "api_key": _KEY},
                                 ["q", "source", "target"]),
            "responses": {"200": _json("Translation; the headers X-Summarise-Checks and X-Summarise-Problems carry the fidelity verdict",
                                       {"type": "object", "properties": {"translatedText": _Q, "detectedLanguage": {"type": "object"}}}),
                          **_ERRORS}}},
        "/translate_file": {"post": {
            "tags": ["LibreTranslate"], "summary": "Translate a file (LibreTranslate)",
            "description": "A .docx, .html or .md file comes back in its own format (NAME.en.docx, ...); .txt and .pdf as text.",
            "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
                "type": "object", "properties": {"file": _FILE, "source": {"type": "string"}, "target": {"type": "string"},
                                                 "api_key": _KEY}, "required": ["file", "source", "target"]}}}},
            "responses": {"200": _json("URL of the translated file", {"type": "object", "properties": {"translatedFileUrl": {"type": "string"}}}),
                          **_ERRORS}}},
        "/download_file/{filename}": {"get": {"tags": ["LibreTranslate"], "summary": "Download a translated file",
                                              "parameters": [{"name": "filename", "in": "path", "required": True, "schema": {"type": "string"}}],
                                              "responses": {"200": {"description": "The file"}, "400": _ERROR}}},
        "/languages": {"get": {"tags": ["LibreTranslate"], "summary": "Supported languages", "responses": {"200": _json("Languages", {"type": "array"})}}},
        "/detect": {"post": {"tags": ["LibreTranslate"], "summary": "Detect the language of a text",
                             "requestBody": _body({"q": {"type": "string"}, "api_key": _KEY}, ["q"]),
                             "responses": {"200": _json("Detections, best first (confidence in percent)", {"type": "array"}), **_ERRORS}}},
        "/frontend/settings": {"get": {"tags": ["LibreTranslate"], "summary": "Frontend settings", "responses": {"200": _json("Settings")}}},
        "/v1/translate": {"post": {"tags": ["summarise"], "summary": "Translate an article with its fidelity report (= summarise translate --format json)",
                                   "requestBody": _body({"text": _TEXT, "file": _FILE, "format": _FORMAT, "api_key": _KEY}, [], files=True),
                                   "responses": {"200": _json("Translation: blocks, checks, repairs, signature, passed"), **_ERRORS}}},
        "/v1/brief": {"post": {"tags": ["summarise"], "summary": "Brief of an article (= summarise brief --format json)",
                               "requestBody": _body({"text": _TEXT, "file": _FILE, "format": _FORMAT, "api_key": _KEY}, [], files=True),
                               "responses": {"200": _json("Brief: headline, summary, key figures, checks"), **_ERRORS}}},
        "/v1/check": {"post": {"tags": ["summarise"], "summary": "Check a German text against an English one (= summarise check --format json)",
                               "requestBody": _body({"source": _TEXT, "candidate": {"type": "string"},
                                                     "mode": {"type": "string", "enum": ["translation", "summary"]},
                                                     "format": {"type": "string", "enum": ["json", "html"]}, "api_key": _KEY},
                                                    ["source", "candidate"]),
                               "responses": {"200": _json("Check report"), **_ERRORS}}},
        "/v1/jobs": {
            "post": {"tags": ["jobs"], "summary": "Start a document job (files, a ZIP of a folder, or text)",
                     "requestBody": _body({"file": {"type": "array", "items": _FILE}, "text": _TEXT,
                                           "kind": {"type": "string", "enum": ["translate", "brief"]}, "api_key": _KEY}, [], files=True),
                     "responses": {"202": _json("The job: id, status, url"), **_ERRORS}},
            "get": {"tags": ["jobs"], "summary": "Recent jobs", "responses": {"200": _json("Jobs")}},
        },
        "/v1/jobs/{job_id}": {
            "get": {"tags": ["jobs"], "summary": "A job's status, progress and result URLs", "responses": {"200": _json("Job"), "404": _ERROR}},
            "delete": {"tags": ["jobs"], "summary": "Cancel a job", "responses": {"200": _json("Job"), "404": _ERROR, "409": _ERROR}},
        },
        "/v1/jobs/{job_id}/documents/{index}/{name}": {"get": {"tags": ["jobs"], "summary": "Download one result of one document",
                                                               "responses": {"200": {"description": "The file"}, "404": _ERROR}}},
        "/v1/jobs/{job_id}/results.zip": {"get": {"tags": ["jobs"], "summary": "Every result of a job as a ZIP",
                                                  "responses": {"200": {"description": "ZIP"}, "404": _ERROR}}},
        "/health": {"get": {"tags": ["operations"], "summary": "Liveness and load", "responses": {"200": _json("Health")}}},
        "/metrics": {"get": {"tags": ["operations"], "summary": "Prometheus metrics", "responses": {"200": {"description": "text/plain"}}}},
    }  # fmt: skip
    for path, item in paths.items():
        for name in ("job_id", "index", "name"):
            if "{" + name + "}" in path:
                for op in item.values():
                    op.setdefault("parameters", []).append({"name": name, "in": "path", "required": True, "schema": {"type": "string"}})
    return {
        "openapi": "3.1.0",
        "info": {"title": "summarise", "version": __version__,
                 "description": "German→English translation with number-fidelity checks; LibreTranslate-compatible."},
        "servers": [{"url": server}] if server else [],
        "paths": paths,
        "components": {"schemas": {"Error": {"type": "object", "properties": {"error": {"type": "string"}}, "required": ["error"]}}},
    }  # fmt: skip
