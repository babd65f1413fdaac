"""English wording for people (summarise.language.english): one plural rule for every message."""

from summarise.language.english import plural


def test_plural_is_singular_only_for_one():
    assert plural(1, "problem") == "1 problem"
    assert [plural(n, "article") for n in (0, 2, 10)] == ["0 articles", "2 articles", "10 articles"]
    assert plural(3, "spelled-out number") == "3 spelled-out numbers"
