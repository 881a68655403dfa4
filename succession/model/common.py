"""Pieces shared by the rule and scenario formats."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

#: An identifier: lower-case letters, digits, ``_`` and ``-``, starting with a letter.
Ident = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9_\-]*$", max_length=80),
    Field(
        description="an identifier: lower-case letters, digits, '_' and '-', starting with a letter"
    ),
]


class Strict(BaseModel):
    """Base of every file model: unknown fields are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    def model_post_init(self, context: Any, /) -> None:
        """Values are immutable, so models whose given fields have the same
        names share one set of those names (a scenario of many events would
        otherwise keep a set per event)."""
        self._share_given()

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy (pydantic copies the set of given names, then adds the
        updated ones), sharing its set of given names as a validated model does."""
        copied = super().model_copy(update=update, deep=deep)
        copied._share_given()
        return copied

    def _share_given(self) -> None:
        given = self.__pydantic_fields_set__
        shared = _GIVEN.setdefault(frozenset(given), given)
        if shared is not given:
            object.__setattr__(self, "__pydantic_fields_set__", shared)


#: One set of given field names per distinct set (see Strict.model_post_init).
_GIVEN: dict[frozenset[str], set[str]] = {}


class Citation(Strict):
    """The legal text a rule encodes.

    Written either as a mapping or, for short, as the article alone:
    ``citation: "Art. 169.I"``.
    """

    article: str = Field(min_length=1, description="article, section or statute, e.g. 'Art. 169.I'")
    source: Ident | None = Field(
        default=None, description="id of an entry of the rule file's `sources`"
    )
    quote: str | None = Field(default=None, description="the passage encoded, verbatim")
    verified: bool = Field(
        default=True,
        description="false when the fact is widely reported but was not checked against the text",
    )
    note: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _article_alone(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"article": value}
        return value

    def __str__(self) -> str:
        text = self.article
        if self.source:
            text += f" ({self.source})"
        if not self.verified:
            text += " [unverified]"
        return text
