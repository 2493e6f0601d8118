"""An outlet or a photo credit is never a claimant, and a photo credit names no person (sentences
written for these tests)."""
from __future__ import annotations

from .conftest import dataset_of


def extract(tmp_path, articles: dict[str, str], outlet: str = "", url: str = ""):
    manifest = [{"file": f, "published": "2024-10-30", "language": f[:2], "outlet": outlet, "url": url}
                for f in articles]
    return dataset_of(tmp_path, articles, manifest)


def people(ds, file: str) -> set[str]:
    m = ds.mentions
    return set(m[(m["file"] == file) & (m["label"] == "PERSON")]["text"])


def claim(ds, file: str) -> tuple[str, str]:
    t = ds.troop_estimates
    row = t[t["file"] == file].iloc[0]
    return row["claimant_group"], str(row["reported_by"] if row["reported_by"] == row["reported_by"] else "")


def test_photo_credits_name_no_person(tmp_path):
    ds = extract(tmp_path, {
        "id1.txt": "Tentara berbaris di Pyongyang. Foto: ANTARA/Budi Santoso\n\n"
                   "Sekitar 5.000 tentara Korea Utara tiba di Rusia, kata Zelensky.\n",
        "id2.txt": "Presiden berbicara di Kyiv (ANTARA/Reuters/Gleb Garanich)\n\nPasukan tiba.\n",
        "en1.txt": "Soldiers march in Pyongyang. REUTERS/Maxim Shemetov\n\nTroops arrived.\n",
        "en2.txt": "Soldiers near the border. (AP Photo/Efrem Lukatsky)\n\nTroops arrived.\n",
        "en3.txt": "Photo by Anatolii Stepanov / AFP\n\nTroops arrived in the region, officials said.\n",
    })
    assert people(ds, "id1.txt") == {"Zelensky"}
    for file in ("id2.txt", "en1.txt", "en2.txt", "en3.txt"):
        assert people(ds, file) == set(), file


def test_a_byline_still_names_a_person(tmp_path):
    ds = extract(tmp_path, {"en1.txt": "Troops arrived in the region.\n\nReporting by Dana Whitfield\n"})
    assert people(ds, "en1.txt") == {"Dana Whitfield"}


def test_an_outlet_reports_a_figure_it_does_not_claim(tmp_path):
    ds = extract(tmp_path, {
        "id1.txt": "Menurut Kompas, sekitar 5.000 tentara Korea Utara telah tiba di Rusia.\n",
        "id2.txt": "Kantor berita Interfax melaporkan 5.000 tentara Korea Utara tiba di Rusia.\n",
        "id3.txt": "Harian Warta Selatan melaporkan bahwa 5.000 tentara Korea Utara telah tiba di Rusia.\n",
        "en1.txt": "About 5,000 North Korean troops arrived in Russia, the Korea Herald reported.\n",
        "en2.txt": "Ukrainska Pravda reported that 5,000 North Korean troops arrived in Russia.\n",
        "en3.txt": "According to the Kyiv Independent, 5,000 North Korean troops arrived in Russia.\n",
    })
    assert claim(ds, "id1.txt") == ("unattributed", "Kompas")
    assert claim(ds, "id2.txt") == ("unattributed", "Interfax")
    assert claim(ds, "id3.txt") == ("unattributed", "Warta Selatan")  # an outlet the gazetteer does not know
    assert claim(ds, "en1.txt") == ("unattributed", "The Korea Herald")
    assert claim(ds, "en2.txt") == ("unattributed", "Ukrainska Pravda")
    assert claim(ds, "en3.txt") == ("unattributed", "The Kyiv Independent")
    for file in ("id3.txt", "en2.txt"):
        assert people(ds, file) == set(), file


def test_an_outlet_citing_someone_passes_the_claim_on(tmp_path):
    ds = extract(tmp_path, {"en1.txt": "Newsweek said 5,000 North Korean troops had arrived, "
                                       "according to Ukrainian President Volodymyr Zelensky.\n"})
    assert claim(ds, "en1.txt") == ("Ukraine", "Newsweek")


def test_the_articles_own_outlet_named_in_its_dateline_is_no_person(tmp_path):
    ds = extract(tmp_path, {"en1.txt": "Kyiv, (Warta Pagi / Southern News - 23rd Dec, 2024) Troops arrived "
                                       "in the region, Ukrainian President Volodymyr Zelensky said.\n"},
                 outlet="WartaPagi (wire copy)", url="https://www.wartapagi.example/en/world/1.html")
    assert people(ds, "en1.txt") == {"Volodymyr Zelensky"}


def test_the_author_of_the_article_is_no_claimant(tmp_path):
    """A byline (a name alone on its line, a correspondent's role on the next) writes the report;
    'the officials' are the officials the article named, not its author."""
    ds = extract(tmp_path, {"en1.txt": "Dana Whitfield\nBBC security correspondent\n"
                                       "Western officials have told the BBC that North Korean troops suffered losses.\n"
                                       "The officials, who spoke on grounds of anonymity, said that 4,000 North Korean "
                                       "troops were casualties.\n"})
    assert people(ds, "en1.txt") == {"Dana Whitfield"}  # still a person mention
    t = ds.troop_estimates
    assert list(t["claimant"]) == ["Western officials"] and list(t["claimant_group"]) == ["other"]


def test_officials_of_a_known_body_speak_for_it(tmp_path):
    ds = extract(tmp_path, {"en1.txt": "Pentagon officials said about 4,000 North Korean troops were in Kursk.\n"})
    assert claim(ds, "en1.txt")[0] == "US"


def test_the_own_outlet_as_the_manifest_and_the_address_name_it():
    from analysis.names.canonical import outlet_names

    assert "wartapagi" in outlet_names("WartaPagi (wire copy)")
    assert "suara" in outlet_names("Suara.com")
    assert outlet_names("", "http://world.harian.co.kr/news/1") == {"harian"}
    assert outlet_names("", "https://www.wartapagi.example/en/1") == {"wartapagi"}
