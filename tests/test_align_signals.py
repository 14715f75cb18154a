"""What the aligner finds in the documents themselves, on a pair with no
shipped word list: cognates, names across scripts, numbers, and a word list
induced from a first pass. Texts written for these tests."""
from __future__ import annotations

import functools

import pytest

from workbench.align import AlignSettings, align_features, align_sentences, aligner
from workbench.align.features import (
    Features,
    cognates,
    features,
    latin_skeleton,
    romanise,
)
from workbench.align.induce import confident_pairs, induce_lexicon

# German and French: every sentence carries cognates (Familie/famille,
# Museum/musée, Professor/professeur ...), no numbers, no shipped word list.
DE = [
    "Die Familie besucht am Sonntag das Museum in der Stadt.",
    "Der Professor erklärt die Technik des neuen Programms.",
    "Im Restaurant spielt abends eine kleine Band Musik.",
    "Die Ministerin spricht über Energie und Politik.",
    "Das Theater zeigt ein Stück über die Natur.",
    "Die Bibliothek der Universität öffnet früher.",
    "Der Direktor lobt die Architektur des Gebäudes.",
    "Die Medizin hat große Probleme mit den Kosten.",
]
FR = [
    "La famille visite le musée de la ville dimanche.",
    "Le professeur explique la technique du nouveau programme.",
    "Au restaurant, un petit groupe joue de la musique le soir.",
    "La ministre parle d'énergie et de politique.",
    "Le théâtre présente une pièce sur la nature.",
    "La bibliothèque de l'université ouvre plus tôt.",
    "Le directeur salue l'architecture du bâtiment.",
    "La médecine a de gros problèmes avec les coûts.",
]
# The French leaves sentence 2 out and adds one of its own after sentence 5.
FR_EDITED = [*FR[:2], *FR[3:6], "Un concert gratuit aura lieu samedi soir dans le parc.", *FR[6:]]
TRUTH = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,)), ((4,), (3,)), ((5,), (4,)), ((), (5,)), ((6,), (6,)), ((7,), (7,))]


def _pairs(beads: list) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.src, b.tgt) for b in beads]


def test_cognates_place_a_deletion_and_an_addition_that_length_alone_misses() -> None:
    length_only = align_features([Features(f.length, frozenset(), frozenset()) for f in (features(s, "de") for s in DE)],
                                 [Features(f.length, frozenset(), frozenset()) for f in (features(t, "fr") for t in FR_EDITED)],
                                 settings=AlignSettings(induce=False))
    assert _pairs(length_only) != TRUTH
    assert _pairs(align_sentences(DE, FR_EDITED, "de", "fr")) == TRUTH


def test_cognate_keys_are_four_romanised_letters_in_any_script() -> None:
    assert "~tele" in cognates("Das Telefon klingelt.") & cognates("Le téléphone sonne.")
    assert "~tele" in cognates("Телефон зазвонил.") & cognates("The telephone rang.")
    assert "~univ" in cognates("Universität") & cognates("université")
    assert cognates("Die Uhr ist neu.") == set()  # words under four letters make no key
    assert cognates("الهاتف يرن") == set()  # a script without vowels: skeletons instead
    assert not any(a.startswith("~") for a in features("الهاتف يرن", "ar").anchors)


def test_names_meet_across_scripts_through_romanisation() -> None:
    ru = features("Путин и Трамп встретились.", "ru").anchors
    en = features("Putin met Trump.", "en").anchors
    assert {"$BTN", "$TRMB"} <= ru & en
    ar = features("التقى بوتين بترامب.", "ar").anchors
    assert "$BTN" in ar & en
    assert latin_skeleton(romanise("Владимир")) == latin_skeleton("Vladimir")
    assert romanise("Zürich") == "zurich"


def test_numbers_and_names_align_a_russian_english_pair() -> None:
    """The Russian has a sentence the English leaves out; numbers and names
    (romanised) pair everything else."""
    ru: list[str] = []
    en: list[str] = []
    for k, (city_ru, city_en) in enumerate([("Москва", "Moscow"), ("Казань", "Kazan"), ("Самара", "Samara")]):
        ru += [f"В {2015 + k} году {city_ru} приняла {120 + k} делегаций.", f"Путин выступил с речью перед {30 + k} гостями.",
               f"На форуме прошло {45 + k} встреч."]
        en += [f"In {2015 + k} {city_en} received {120 + k} delegations.", f"Putin gave a speech to {30 + k} guests.",
               f"The forum held {45 + k} meetings."]
    ru.insert(4, "Погода была холодной, но солнечной, и многие гуляли по набережной.")
    truth = [((i,), (i,)) for i in range(4)] + [((4,), ())] + [((i + 1,), (i,)) for i in range(4, 9)]
    assert _pairs(align_sentences(ru, en, "ru", "en")) == truth


# A document with recurring words that are not cognates (Hütte/refuge,
# Gletscher/glacier is one, Seil/corde, Gipfel/sommet): the first pass pairs
# them in its confident beads, and the induced list knows them.
_LEX_DE = ["Wir erreichten die Hütte am Abend.", "Das Seil war nass.", "Der Gipfel lag im Nebel.",
           "Die Hütte war voll.", "Wir prüften unser Seil.", "Vom Gipfel sahen wir nichts.",
           "Hinter der Hütte begann der Weg.", "Am Gipfel wehte Wind."]
_LEX_FR = ["Nous avons atteint le refuge le soir.", "La corde était mouillée.", "Le sommet était dans le brouillard.",
           "Le refuge était plein.", "Nous avons vérifié notre corde.", "Du sommet, nous ne voyions rien.",
           "Derrière le refuge commençait le chemin.", "Au sommet soufflait le vent."]


def test_induced_word_list_learns_recurring_pairs_from_confident_beads() -> None:
    src = [features(s, "de") for s in _LEX_DE]
    tgt = [features(t, "fr") for t in _LEX_FR]
    path = [(k, k + 1, k, k + 1) for k in range(len(src))]
    assert confident_pairs(path) == [(k, k) for k in range(len(src))]
    learned = induce_lexicon(src, tgt, path, max_share=0.5).entries
    assert learned["hutte"] == {"refuge"}
    assert learned["seil"] == {"corde"}
    assert learned["gipfel"] == {"sommet"}
    # a merge in the path is not a confident bead, nor are its neighbours
    merged = [(0, 1, 0, 1), (1, 3, 1, 2), (3, 4, 2, 3), (4, 5, 3, 4), (5, 6, 4, 5)]
    assert confident_pairs(merged) == [(4, 3), (5, 4)]


def test_the_induced_pass_uses_what_the_first_pass_learned(monkeypatch: pytest.MonkeyPatch) -> None:
    """A sentence the French leaves out, between two whose lengths mislead:
    only the recurring words (Hütte/refuge), which the first pass's confident
    beads teach, place it. (This small document repeats its words more than a
    real one does, so the share of sentences above which a word counts as a
    function word is raised for it.)"""
    monkeypatch.setattr(aligner, "induce_lexicon", functools.partial(induce_lexicon, max_share=0.5))
    monkeypatch.setattr(aligner, "COMMON_WORD", 0.5)
    de = [*_LEX_DE * 3, "Die Hütte ist alt und klein.", "Wir warteten dort lange.", "Das Seil ist neu.", *_LEX_DE]
    fr = [*_LEX_FR * 3, "Le refuge est vieux et petit.", "La corde est neuve.", *_LEX_FR]
    want = [((24,), (24,)), ((25,), ()), ((26,), (25,))]
    assert _pairs(align_sentences(de, fr, "de", "fr"))[24:27] == want
    assert _pairs(align_sentences(de, fr, "de", "fr", settings=AlignSettings(induce=False)))[24:27] != want


def test_consonant_skeletons_make_cognates_across_scripts() -> None:
    """Romanisations differ on letters of one sound (з is z, English writes s):
    the first five consonant classes meet where the first four letters do not."""
    assert "%BRSDN" in cognates("Президент выступил.") & cognates("The president spoke.")
    assert not {k for k in cognates("Президент") & cognates("president") if k.startswith("~")}
    assert "%TLFN" not in cognates("Телефон")  # fewer than five consonants: no key


def test_open_lines_are_lines_without_sentence_final_punctuation() -> None:
    for text in ("Поделиться", "Comments (12)", "[Advertisement]", "Source: https://example.org/a/1", "....", "- _-", ""):
        assert features(text, "en").open, text
    for text in ("He left.", 'He said: "No."', "«Как могу я пропустить такое?».", "Die Teilnehmer waren :", "ما هذا؟"):
        assert not features(text, "en").open, text


# Russian with a menu line ("Share") the English does not have.
_RU = ["В 2015 году Москва приняла 120 делегаций.", "Путин выступил с речью перед 30 гостями.", "Поделиться",
       "На форуме прошло 45 встреч.", "Казань приняла 121 делегацию в 2016 году.", "Погода была солнечной."]
_EN = ["In 2015 Moscow received 120 delegations.", "Putin gave a speech to 30 guests.", "The forum held 45 meetings.",
       "Kazan received 121 delegations in 2016.", "The weather was sunny."]


def test_a_line_without_final_punctuation_stands_alone_rather_than_join_a_merge(monkeypatch: pytest.MonkeyPatch) -> None:
    want = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,)), ((4,), (3,)), ((5,), (4,))]
    assert _pairs(align_sentences(_RU, _EN, "ru", "en")) == want
    monkeypatch.setattr(aligner, "OPEN_PENALTY", 0.0)
    monkeypatch.setattr(aligner, "OPEN_MISMATCH", 0.0)
    assert _pairs(align_sentences(_RU, _EN, "ru", "en"))[2] == ((2, 3), (2,))


def test_one_sentence_translated_by_four_is_a_1_4_bead() -> None:
    de = [("Am Montag brach die Expedition von Skardu auf, durchquerte in drei Tagen das Tal, erreichte am Donnerstag "
           "das Lager am Fuss des Gletschers und begann dort, nachdem die Träger entlohnt worden waren, mit dem Aufbau der Zelte."),
          "Das Wetter blieb schön.", "Die Gruppe ruhte zwei Tage.", "Dann stiegen sie zum Sattel auf."]
    fr = ["L'expédition quitta Skardu lundi.", "Elle traversa la vallée en trois jours.",
          "Jeudi, elle atteignit le camp au pied du glacier.", "Une fois les porteurs payés, on y monta les tentes.",
          "Le temps resta beau.", "Le groupe se reposa deux jours.", "Puis ils montèrent au col."]
    assert _pairs(align_sentences(de, fr, "de", "fr")) == [((0,), (0, 1, 2, 3)), ((1,), (4,)), ((2,), (5,)), ((3,), (6,))]
    assert _pairs(align_sentences(fr, de, "fr", "de")) == [((0, 1, 2, 3), (0,)), ((4,), (1,)), ((5,), (2,)), ((6,), (3,))]


def test_roman_numerals_are_numbers() -> None:
    assert "#3" in features("Lager 3 stand am 2. Juli.", "de").anchors & features("Le camp III fut installé.", "fr").anchors
    assert "#14" in features("au XIV siècle", "fr").anchors
    assert not any(a.startswith("#") for a in features("I saw Vitamin VIVA.", "en").anchors)
