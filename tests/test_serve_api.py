"""`summarise serve` over real HTTP: a uvicorn server on a free port of 127.0.0.1 with the tiny models,
driven by LibreTranslate clients from PyPI that nobody here wrote (libretranslatepy, deep-translator's
LibreTranslator), by plain HTTP for the exact shapes and error codes, and by the native /v1 API and jobs.
"""

from __future__ import annotations

import io
import json
import threading
import time
import urllib.error
import urllib.request
import zipfile

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
requests = pytest.importorskip("requests")

from serve_helpers import ThreadServer, get_json  # noqa: E402

GERMAN = "Rund 3.000 Soldaten wurden im Januar entsandt."
# A short article: the tiny random model writes its longest output for every sentence, so tests keep
# documents small (the sample article takes ~20 s on a busy 2-core box).
ARTICLE = [
    ("title", "Nordkorea schickt weitere Soldaten"),
    ("paragraph", "Nordkorea hat weitere 3.000 Soldaten nach Russland entsandt."),
    ("paragraph", "Bis zum 26. Februar seien rund 400 Soldaten gestorben."),
]
ARTICLE_TEXT = "\n\n".join(text for _, text in ARTICLE) + "\n"


def article_pdf() -> bytes:
    from layout_pdf import typeset

    return typeset(ARTICLE, page_numbers=False)


def article_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(ARTICLE[0][1], level=0)
    for _, text in ARTICLE[1:]:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def engine(tiny_marian_dir, tiny_bart_dir, tmp_path_factory):
    from summarise.models.runtime import Runtime
    from summarise.serve.engine import Engine

    runtime = Runtime.resolve(str(tiny_marian_dir), str(tiny_bart_dir), backend="transformers", device="cpu",
                              threads=1, beams=1)  # fmt: skip
    engine = Engine.from_runtime(runtime)
    yield engine
    engine.close()


@pytest.fixture(scope="module")
def server(engine, tmp_path_factory):
    from summarise.serve.app import create_app
    from summarise.serve.config import ServeConfig

    config = ServeConfig(jobs_db=tmp_path_factory.mktemp("jobs") / "jobs.sqlite3", max_chars=5000, max_upload_bytes=4_000_000)
    with ThreadServer(create_app(engine, config), max_chars=5000) as running:
        yield running


def post_json(url: str, body: dict) -> requests.Response:
    return requests.post(url, json=body, timeout=120)


def wait_job(base: str, job_id: str, timeout: float = 240) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = get_json(f"{base}/v1/jobs/{job_id}")
        if job["status"] not in ("queued", "running"):
            return job
        time.sleep(0.2)
    raise TimeoutError(job)


# --- LibreTranslate clients from PyPI ----------------------------------------------------------------


def library_translation(engine, text: str) -> str:
    """What the library makes of `text` (the server must answer exactly this)."""
    return engine.translate_texts([text])[0].text


def test_libretranslatepy_translate_detect_languages(server, engine):
    from libretranslatepy import LibreTranslateAPI

    lt = LibreTranslateAPI(server.base)
    translated = lt.translate(GERMAN, "de", "en")
    assert translated.strip() and translated == library_translation(engine, GERMAN)
    assert lt.detect("Die Soldaten wurden an die Front geschickt, sagte der Minister.")[0]["language"] == "de"
    assert lt.detect("The soldiers were sent to the front, the minister said.")[0]["language"] == "en"
    languages = lt.languages()
    assert {lang["code"] for lang in languages} == {"de", "en"}
    assert next(lang for lang in languages if lang["code"] == "de")["targets"] == ["en"]


def test_detect_answers_for_other_languages_and_auto_rejects_them(server):
    from libretranslatepy import LibreTranslateAPI

    lt = LibreTranslateAPI(server.base)
    french = "Le gouvernement a adopté mercredi une nouvelle loi sur l'énergie."
    spanish = "El gobierno aprobó el miércoles una nueva ley sobre la energía."
    for text, code in ((french, "fr"), (spanish, "es")):
        candidates = lt.detect(text)
        assert candidates[0]["language"] == code and 50 < candidates[0]["confidence"] <= 100, candidates
    # source=auto on a text detected as a language this server does not translate: LibreTranslate's 400.
    for q in (french, [GERMAN, french]):
        r = post_json(server.base + "/translate", {"q": q, "source": "auto", "target": "en"})
        assert r.status_code == 400 and r.json() == {"error": "fr is not supported"}


def test_libretranslatepy_unsupported_pair_is_400_with_error(server):
    from libretranslatepy import LibreTranslateAPI

    lt = LibreTranslateAPI(server.base)
    with pytest.raises(urllib.error.HTTPError) as e:
        lt.translate("Bonjour", "fr", "en")
    assert e.value.code == 400
    assert json.loads(e.value.read()) == {"error": "fr is not supported"}


def test_deep_translator_libretranslator(server, engine):
    from deep_translator import LibreTranslator
    from deep_translator.exceptions import ServerException

    # deep-translator insists on an API key; a server without --api-keys ignores it.
    client = LibreTranslator(source="de", target="en", api_key="unused", custom_url=server.base + "/")
    assert client.translate(GERMAN) == library_translation(engine, GERMAN)
    batch = client.translate_batch([GERMAN, "Zwei Minister traten zurück."])
    assert len(batch) == 2 and all(isinstance(t, str) and t for t in batch)
    with pytest.raises(ServerException):
        LibreTranslator(source="de", target="fr", api_key="unused", custom_url=server.base + "/").translate(GERMAN)


# --- LibreTranslate's shapes and errors, exactly -----------------------------------------------------


def test_translate_list_auto_and_lines(server):
    r = post_json(server.base + "/translate", {"q": [GERMAN, "Erste Zeile.\n\nDritte Zeile."], "source": "auto", "target": "en"})
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"translatedText", "detectedLanguage"}
    assert isinstance(body["translatedText"], list) and len(body["translatedText"]) == 2
    assert body["translatedText"][1].count("\n") == 2 and body["translatedText"][1].split("\n")[1] == ""
    assert [d["language"] for d in body["detectedLanguage"]] == ["de", "de"]
    assert all(0 <= d["confidence"] <= 100 for d in body["detectedLanguage"])
    assert r.headers["X-Summarise-Checks"] in ("passed", "failed")


def test_translate_single_form_body_shape(server):
    r = requests.post(server.base + "/translate", data={"q": GERMAN, "source": "de", "target": "en"}, timeout=60)
    assert r.status_code == 200 and set(r.json()) == {"translatedText"} and isinstance(r.json()["translatedText"], str)


def test_translate_html_keeps_markup(server):
    r = post_json(server.base + "/translate", {"q": "<p>Rund <b>3.000</b> Soldaten.</p><script>x=1</script>", "source": "de",
                                               "target": "en", "format": "html"})  # fmt: skip
    out = r.json()["translatedText"]
    assert out.startswith("<p>") and "<b>" in out and "</b>" in out and out.endswith("<script>x=1</script>")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"source": "de", "target": "en"}, "Invalid request: missing q parameter"),
        ({"q": "Hallo", "target": "en"}, "Invalid request: missing source parameter"),
        ({"q": "Hallo", "source": "de"}, "Invalid request: missing target parameter"),
        ({"q": "Hallo", "source": "xx", "target": "en"}, "xx is not supported"),
        ({"q": "Hallo", "source": "de", "target": "fr"}, "fr is not supported"),
        ({"q": "Hallo", "source": "en", "target": "en"}, "English (en) is not available as a target language from English (en)"),
        ({"q": "Hallo", "source": "de", "target": "en", "format": "xml"}, "xml format is not supported"),
        ({"q": "x" * 5001, "source": "de", "target": "en"}, "Invalid request: request (5001) exceeds text limit (5000)"),
        ({"q": ["a", 3], "source": "de", "target": "en"}, "Invalid request: q must be a string or a list of strings"),
    ],
)
def test_translate_errors_are_libretranslates(server, body, message):
    r = post_json(server.base + "/translate", body)
    assert r.status_code == 400
    assert r.json() == {"error": message}


def test_detect_and_settings_shapes(server):
    r = requests.post(server.base + "/detect", json={}, timeout=30)
    assert r.status_code == 400 and r.json() == {"error": "Invalid request: missing q parameter"}
    settings = get_json(server.base + "/frontend/settings")
    assert settings["charLimit"] == 5000 and settings["keyRequired"] is False and settings["filesTranslation"] is True
    assert settings["language"] == {"source": {"code": "de", "name": "German"}, "target": {"code": "en", "name": "English"}}
    assert ".docx" in settings["supportedFilesFormat"] and ".pdf" in settings["supportedFilesFormat"]


def test_translate_file_and_download(server):
    r = requests.post(server.base + "/translate_file", files={"file": ("artikel.txt", ARTICLE_TEXT.encode())},
                      data={"source": "de", "target": "en"}, timeout=180)  # fmt: skip
    assert r.status_code == 200, r.text
    url = r.json()["translatedFileUrl"]
    assert url.startswith(server.base + "/download_file/")
    download = requests.get(url, timeout=30)
    assert download.status_code == 200
    assert 'filename="artikel.txt"' in download.headers["Content-Disposition"]
    paragraphs = [p for p in download.text.split("\n\n") if p.strip()]
    assert len(paragraphs) == len(ARTICLE)


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ARTICLE_HTML = (
    '<!DOCTYPE html>\n<html lang="de"><head><meta charset="utf-8"><title>' + ARTICLE[0][1] + "</title></head>\n<body><h1>"
    + ARTICLE[0][1] + "</h1>\n" + "".join(f"<p>{text}</p>\n" for _, text in ARTICLE[1:]) + "</body></html>\n"
)


def docx_paragraphs(data: bytes) -> list[str]:
    import docx

    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def translate_file(server, name: str, data: bytes) -> requests.Response:
    """POST /translate_file as LibreTranslate clients do, then GET its translatedFileUrl."""
    r = requests.post(server.base + "/translate_file", files={"file": (name, data)}, data={"source": "de", "target": "en"},
                      timeout=180)  # fmt: skip
    assert r.status_code == 200, r.text
    assert set(r.json()) == {"translatedFileUrl"}
    url = r.json()["translatedFileUrl"]
    assert url.startswith(server.base + "/download_file/")
    download = requests.get(url, timeout=30)
    assert download.status_code == 200
    return download


def library_round_trip(engine, data: bytes, fmt: str) -> bytes:
    """What the library's round-trip writer makes of `data` (the server must answer exactly this)."""
    from summarise.output.writers import translate_document_bytes

    return translate_document_bytes(data, engine.thread_translator(), fmt, name="x").data


def test_translate_file_docx_comes_back_as_english_docx(server, engine):
    source = article_docx()
    download = translate_file(server, "artikel.docx", source)
    assert download.headers["content-type"] == DOCX_TYPE
    assert 'filename="artikel.en.docx"' in download.headers["Content-Disposition"]
    german, english = docx_paragraphs(source), docx_paragraphs(download.content)  # a valid .docx: python-docx reads it
    assert len(english) == len(german)
    assert english == docx_paragraphs(library_round_trip(engine, source, "docx"))
    assert [e != g for e, g in zip(english, german, strict=True) if g.strip()] == [True] * len(ARTICLE)


def test_translate_file_html_and_markdown_come_back_in_their_format(server, engine):
    page = translate_file(server, "seite.html", ARTICLE_HTML.encode())
    assert page.headers["content-type"].startswith("text/html")
    assert 'filename="seite.en.html"' in page.headers["Content-Disposition"]
    assert '<html lang="en">' in page.text and page.text.count("<p>") == len(ARTICLE) - 1
    assert page.content == library_round_trip(engine, ARTICLE_HTML.encode(), "html")
    assert ARTICLE[1][1] not in page.text
    markdown = "# " + ARTICLE[0][1] + "\n\n" + "\n\n".join(text for _, text in ARTICLE[1:]) + "\n"
    note = translate_file(server, "notiz.md", markdown.encode())
    assert note.headers["content-type"].startswith("text/markdown")
    assert 'filename="notiz.en.md"' in note.headers["Content-Disposition"]
    assert note.text.startswith("# ") and note.content == library_round_trip(engine, markdown.encode(), "markdown")


@pytest.mark.parametrize(
    ("files", "data", "status", "message"),
    [
        (None, {"source": "de", "target": "en"}, 400, "Invalid request: missing file parameter"),
        ({"file": ("a.exe", b"MZ")}, {"source": "de", "target": "en"}, 400, "Invalid request: file format not supported"),
        ({"file": ("a.txt", b"Hallo")}, {"target": "en"}, 400, "Invalid request: missing source parameter"),
        ({"file": ("a.txt", b"Hallo")}, {"source": "de", "target": "fr"}, 400, "fr is not supported"),
    ],
)
def test_translate_file_errors(server, files, data, status, message):
    r = requests.post(server.base + "/translate_file", files=files or {"other": ("x", b"")}, data=data, timeout=30)
    assert (r.status_code, r.json()) == (status, {"error": message})


@pytest.mark.parametrize("name", ["../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "0" * 32 + ".x", "nothing"])
def test_no_request_path_reaches_the_filesystem(server, name):
    r = requests.get(f"{server.base}/download_file/{name}", timeout=30)
    assert r.status_code in (400, 404) and "root:" not in r.text


# --- native API: the CLI's JSON ----------------------------------------------------------------------


def test_v1_translate_is_the_clis_json(server, engine):
    from summarise.ingest import document_from_text
    from summarise.output.render import render_translation

    text = "Soldaten an der Front\n\n" + GERMAN + "\n\nDie Regierung bestätigte 2,5 Milliarden Euro."
    r = post_json(server.base + "/v1/translate", {"text": text})
    assert r.status_code == 200
    expected = json.loads(render_translation(engine.translate_document(document_from_text(text, name="text")), "json"))
    assert r.json() == expected
    assert set(expected) >= {"model", "signature", "blocks", "passed"}
    markdown = post_json(server.base + "/v1/translate", {"text": text, "format": "markdown"})
    assert markdown.headers["content-type"].startswith("text/markdown") and markdown.text.startswith("# ")


def test_v1_check_and_brief(server):
    r = post_json(server.base + "/v1/check", {"source": "Rund 3.000 Soldaten.", "candidate": "About 300 soldiers."})
    body = r.json()
    assert body["passed"] is False and body["problems"][0]["message"] == "3.000 became 300 (expected 3,000)"
    assert body["mode"] == "translation" and body["units"] == 1
    page = post_json(server.base + "/v1/check", {"source": "Rund 3.000 Soldaten.", "candidate": "About 300 soldiers.", "format": "html"})
    assert page.headers["content-type"].startswith("text/html") and "Content-Security-Policy" in page.text
    brief = post_json(server.base + "/v1/brief", {"text": ARTICLE_TEXT}).json()
    assert set(brief) >= {"headline", "summary", "key_figures", "summary_check", "passed"}


def test_openapi_health_metrics(server):
    spec = get_json(server.base + "/openapi.json")
    assert {"/translate", "/translate_file", "/languages", "/detect", "/v1/translate", "/v1/jobs"} <= set(spec["paths"])
    health = get_json(server.base + "/health")
    assert health["status"] == "ok" and health["summary_model"]
    post_json(server.base + "/v1/translate", {"text": "Rund 3.000 Soldaten."})
    metrics = requests.get(server.base + "/metrics", timeout=30).text
    for name in ("summarise_requests_total", "summarise_request_seconds_bucket", "summarise_queue_depth",
                 "summarise_batch_sentences_bucket", "summarise_checks_failed_total"):  # fmt: skip
        assert name in metrics or name.replace("_total", "") in metrics
    assert 'summarise_requests_total{endpoint="/v1/translate",status="200"}' in metrics


def test_no_cors_headers_by_default(server):
    r = requests.post(server.base + "/translate", json={"q": "Hallo", "source": "de", "target": "en"},
                      headers={"Origin": "https://evil.example"}, timeout=60)  # fmt: skip
    assert "access-control-allow-origin" not in {k.lower() for k in r.headers}
    pre = requests.options(server.base + "/translate", headers={"Origin": "https://evil.example",
                                                                "Access-Control-Request-Method": "POST"}, timeout=30)  # fmt: skip
    assert "access-control-allow-origin" not in {k.lower() for k in pre.headers}


def test_concurrent_requests_share_model_calls(server, engine):
    before = engine.backend.stats.calls, engine.backend.stats.requests
    texts = [f"Im Jahr {2000 + i} kamen {i + 2} Minister nach Berlin." for i in range(12)]
    results: list = [None] * len(texts)
    start = threading.Barrier(len(texts))

    def send(i):
        start.wait()
        results[i] = post_json(server.base + "/translate", {"q": texts[i], "source": "de", "target": "en"})

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(texts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert all(r is not None and r.status_code == 200 for r in results)
    calls, served = engine.backend.stats.calls - before[0], engine.backend.stats.requests - before[1]
    assert served >= len(texts) and calls < served  # some requests shared a model call


# --- jobs ----------------------------------------------------------------------------------------------


def test_job_of_a_text_file_with_results(server):
    r = requests.post(server.base + "/v1/jobs", files={"file": ("artikel.txt", ARTICLE_TEXT.encode())},
                      data={"kind": "translate"}, timeout=30)  # fmt: skip
    assert r.status_code == 202 and r.headers["Location"] == r.json()["url"]
    job = wait_job(server.base, r.json()["id"])
    assert job["status"] == "done" and job["progress"]["fraction"] == 1.0
    [doc] = job["documents"]
    assert doc["status"] == "done"
    names = set(doc["results"])
    assert {"translation.txt", "translation.md", "translation.json", "translation.html"} <= names
    report = requests.get(doc["results"]["translation.json"], timeout=30).json()
    assert report["passed"] == doc["passed"] and len(report["blocks"]) == job["progress"]["blocks_total"]
    zipped = zipfile.ZipFile(io.BytesIO(requests.get(job["download"], timeout=30).content))
    assert "artikel.translation.json" in zipped.namelist()


def test_job_of_a_folder_zip_pdf_and_docx(server):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("folder/eins.txt", GERMAN)
        z.writestr("folder/zwei.md", "# Titel\n\nZwei Minister traten zurück.")
        z.writestr("folder/.hidden.txt", "x")
        z.writestr("folder/bild.png", b"\x89PNG")
    files = [("file", ("ordner.zip", buffer.getvalue())), ("file", ("a.pdf", article_pdf())),
             ("file", ("b.docx", article_docx()))]  # fmt: skip
    r = requests.post(server.base + "/v1/jobs", files=files, timeout=30)
    assert r.status_code == 202, r.text
    job = wait_job(server.base, r.json()["id"], timeout=600)
    assert job["status"] == "done"
    assert [d["name"] for d in job["documents"]] == ["eins.txt", "zwei.md", "a.pdf", "b.docx"]
    assert all(d["status"] == "done" and d["results"] for d in job["documents"])
    for doc in job["documents"][2:]:  # PDF and Word: read back into the article's blocks
        report = requests.get(doc["results"]["translation.json"], timeout=30).json()
        assert [(b["kind"], b["source"]) for b in report["blocks"]] == ARTICLE
    # The round trip where a writer exists (Markdown, Word), with its check report; none for text and PDF.
    trips = [sorted(n for n in d["results"] if n.startswith("document.")) for d in job["documents"]]
    assert trips == [[], ["document.check.json", "document.md"], [], ["document.check.json", "document.docx"]]
    word = job["documents"][3]["results"]
    english = requests.get(word["document.docx"], timeout=30)
    assert english.headers["content-type"] == DOCX_TYPE and 'filename="b.en.docx"' in english.headers["Content-Disposition"]
    assert len(docx_paragraphs(english.content)) == len(docx_paragraphs(article_docx()))
    check = requests.get(word["document.check.json"], timeout=30).json()
    assert check["format"] == "docx" and check["runs_translated"] == len(ARTICLE)
    zipped = zipfile.ZipFile(io.BytesIO(requests.get(job["download"], timeout=60).content))
    assert {"b.en.docx", "b.en.check.json", "zwei.en.md"} <= set(zipped.namelist())
    assert zipped.read("b.en.docx") == english.content


def test_zip_bomb_and_junk_are_refused_before_parsing(server):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.txt", b"0" * 60_000_000)
    r = requests.post(server.base + "/v1/jobs", files={"file": ("bomb.zip", bomb.getvalue())}, timeout=60)
    assert r.status_code in (400, 413) and "limit" in r.json()["error"] or "bomb" in r.json()["error"]
    junk = requests.post(server.base + "/v1/jobs", files={"file": ("a.txt", b"\x00\x01\x02" * 100)}, timeout=30)
    assert junk.status_code == 400 and "error" in junk.json()
    big = requests.post(server.base + "/v1/jobs", files={"file": ("a.txt", b"a" * 4_100_000)}, timeout=30)
    assert big.status_code == 413


def test_cancel_a_job(server):
    text = "\n\n".join(f"Absatz {i}: Rund {i * 100} Soldaten wurden im Januar entsandt." for i in range(400))
    r = requests.post(server.base + "/v1/jobs", data={"text": text}, timeout=30)
    job_id = r.json()["id"]
    cancelled = requests.delete(f"{server.base}/v1/jobs/{job_id}", timeout=30)
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert wait_job(server.base, job_id)["status"] == "cancelled"
    again = requests.delete(f"{server.base}/v1/jobs/{job_id}", timeout=30)
    assert again.status_code == 409 and "error" in again.json()
    assert requests.get(f"{server.base}/v1/jobs/{job_id}/documents/0/..%2F..%2Fx", timeout=30).status_code == 404


# --- keys and rate limits -------------------------------------------------------------------------------


def test_api_keys_and_rate_limits(engine, tmp_path):
    from libretranslatepy import LibreTranslateAPI

    from summarise.serve.access import read_keys
    from summarise.serve.app import create_app
    from summarise.serve.config import ServeConfig

    keys_file = tmp_path / "keys.txt"
    keys_file.write_text("# editors\nalpha 2\nbeta\ngamma  # the desk\n")
    keys = read_keys(keys_file)
    assert keys == {"alpha": 2, "beta": None, "gamma": None}
    config = ServeConfig(jobs_db=tmp_path / "jobs.sqlite3", api_keys=keys)
    with ThreadServer(create_app(engine, config)) as running:
        assert get_json(running.base + "/frontend/settings")["keyRequired"] is True
        with pytest.raises(urllib.error.HTTPError) as e:
            LibreTranslateAPI(running.base).translate("Hallo", "de", "en")
        assert e.value.code == 403 and json.loads(e.value.read()) == {"error": "Invalid API key"}
        alpha = LibreTranslateAPI(running.base, api_key="alpha")
        assert alpha.translate("Hallo", "de", "en")
        assert alpha.translate("Hallo", "de", "en")
        with pytest.raises(urllib.error.HTTPError) as e:
            alpha.translate("Hallo", "de", "en")
        assert e.value.code == 429 and json.loads(e.value.read())["error"].startswith("Slowdown")
        assert LibreTranslateAPI(running.base, api_key="beta").translate("Hallo", "de", "en")  # unlimited
        bearer = requests.post(running.base + "/v1/check", json={"source": "3 Tage", "candidate": "3 days"},
                               headers={"Authorization": "Bearer beta"}, timeout=30)  # fmt: skip
        assert bearer.status_code == 200
        assert requests.get(running.base + "/v1/jobs", timeout=30).status_code == 403
        job = requests.post(running.base + "/v1/jobs", data={"text": "Der Minister kam.", "api_key": "beta"}, timeout=30).json()
        mine = requests.get(job["url"], headers={"X-API-Key": "beta"}, timeout=30)
        assert mine.status_code == 200
        theirs = requests.get(job["url"], headers={"X-API-Key": "gamma"}, timeout=30)
        assert theirs.status_code == 404  # another key's job
        listed = requests.get(running.base + "/v1/jobs", headers={"X-API-Key": "beta"}, timeout=30).json()["jobs"]
        assert [j["id"] for j in listed] == [job["id"]]
