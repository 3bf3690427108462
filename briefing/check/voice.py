"""The words of W301, per language: terms that take a side, and the verbs that attribute them.

A term in the briefing's own voice is a warning unless its sentence says who used it
("X said", « selon X », «по словам X»). Content adds its own terms in `attribution_terms`.
A language without a table here gets only the content's terms, attributed by quotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Voice:
    """One language's side-taking terms (pattern -> neutral wording) and attribution verbs."""

    terms: dict[str, str]
    attribution: re.Pattern[str]


VOICES: dict[str, Voice] = {
    "en": Voice(
        terms={
            r"liberat(?:ed|ion|e|es|ing)": "'took control of' or 'recaptured', or quote who said it",
            r"occup(?:ied|ation|ying|y)": "'held by' or 'under the control of'",
            r"aggress(?:ion|or|ors)": "'offensive' or 'attack', or quote who said it",
            r"terroris(?:t|ts|m)": "'fighters' or 'armed groups', or quote who used the word",
            r"martyr(?:s|ed|dom)?": "'killed' or 'dead'",
            r"genocid(?:e|al)": "attribute the charge: 'X described it as genocide'",
            r"regime": "'government' or 'authorities'",
        },
        attribution=re.compile(
            r"\b(said|says|say|saying|claim(?:s|ed)?|stated?|states|according to|call(?:s|ed)|"
            r"describ(?:es|ed)|accus(?:es|ed)|alleg(?:es|ed)|report(?:s|ed)|announc(?:es|ed)|"
            r"declar(?:es|ed)|den(?:y|ies|ied)|warn(?:s|ed)|term(?:s|ed)|label(?:s|led)|per)\b",
            re.I,
        ),
    ),
    "fr": Voice(
        terms={
            r"lib[ée]r(?:é|ée|és|ées|ation|er|ait|aient)": "« a pris le contrôle de » ou « a repris », "
            "ou citer qui l’a dit",
            r"occup(?:é|ée|és|ées|ation|ant|ants|er)": "« tenu par » ou « sous le contrôle de »",
            r"agress(?:ion|ions|eur|eurs)": "« offensive » ou « attaque », ou citer qui l’a dit",
            r"terroris(?:te|tes|me)": "« combattants » ou « groupes armés », ou citer qui a "
            "employé le mot",
            r"martyr(?:s|e|es)?": "« tués » ou « morts »",
            r"g[ée]nocid(?:e|es|aire)": "attribuer l’accusation : « X l’a qualifié de génocide »",
            r"r[ée]gime": "« gouvernement » ou « autorités »",
        },
        attribution=re.compile(
            r"\b(selon|d['’]après|affirm\w*|d[ée]clar\w*|annonc\w*|accus\w*|d[ée]nonc\w*|"
            r"qualifi\w*|dit|disent|estim\w*|revendiqu\w*|ni[ée]\w*|d[ée]menti\w*|"
            r"parl\w*|rapport\w*|assur\w*|soutien\w*|[ée]voqu\w*)\b",
            re.I,
        ),
    ),
    "ru": Voice(
        terms={
            r"освобо\w*": "«взял под контроль» или «вернул», или укажите, кто это сказал",
            r"оккупа\w*|оккупир\w*": "«под контролем»",
            r"агресс\w*": "«наступление» или «нападение», или укажите, кто это сказал",
            r"террорист\w*|терроризм\w*": "«боевики» или «вооружённые группы», или укажите, "
            "кто употребил слово",
            r"мучени\w*": "«убитые» или «погибшие»",
            r"геноцид\w*": "припишите обвинение: «X назвал это геноцидом»",
            r"режим\w*": "«правительство» или «власти»",
        },
        attribution=re.compile(
            r"(?<!\w)(по словам|по данным|по мнению|по утверждению|заяви\w*|утвержда\w*|"
            r"сообщ\w*|обвин\w*|назва\w*|называ\w*|отрица\w*|опроверг\w*|объяви\w*|"
            r"предупреди\w*|счита\w*)(?!\w)",
            re.I,
        ),
    ),
}
QUOTED = re.compile(r"“[^”]*”|«[^»]*»|„[^“”]*[“”]|\"[^\"\n]*\"")
"""Quoted words are someone else's: the quotation attributes them."""
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[“\"«(\[]|[^\W\d_])")


def voice(language: str) -> Voice:
    """The language's table; for one without, no built-in terms and no attribution verbs."""
    base = language.split("-")[0].split("_")[0].lower()
    return VOICES.get(base, Voice(terms={}, attribution=re.compile(r"(?!x)x")))
