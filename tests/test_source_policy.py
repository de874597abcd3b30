"""Source grading: every row says how strong its source is, and figures rest on strong sources.

Each row of each table has a ``source_tier`` (official, research, independent_media,
state_media, mirror_or_aggregator; see data/README.md). The policy:

- a figure rests on an official, research or independent source, or on a weaker one (state
  media, a mirror) that a second, strong source corroborates (``corroboration_*`` columns);
- a mirror never stands in for an original that is known: the original goes in
  ``source_url`` and the copy, if that is where it was read, in ``read_at_url``;
- the declared tier matches what is known of the host (tass.com is state media, a
  workers.dev copy is a mirror), so a weak source cannot be relabelled strong.

Tables not yet brought up to the policy are listed in ``PENDING`` with the count of rows
still to corroborate; the test fails when a listed table complies (take it off the list) or
when any other table breaks the policy.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pandas as pd
import pytest

from sinorussia import data

pytestmark = pytest.mark.fast

# Hosts whose pages are copies or aggregations of other publishers' work.
MIRROR_HOSTS = {
    "15.188.152.128", "51haodu.com", "businessinvestorguide.com",
    "all.true-news.info", "alliansfriheten.se", "archyde.com", "business.com.tm",
    "chinascope.org", "clv-development.org", "crcconnection.com", "cultureru.com", "digitaltradecenter.com",
    "dnyuz.com", "docslib.org", "elbalad.news", "english.pravda.ru", "estiw.ru", "github.com", "jawawa.id",
    "knowledgeableness.com", "kosatka.media", "learn2.trade", "m.hxen.com", "menafn.com", "morningstrong.com",
    "nashigroshi.com", "news.novyny.live", "newscentralasia.net", "newsrescue.com", "pledgetimes.com",
    "russiachinaforum.com", "sequoia.holdings", "silkway.news", "sinodefenceforum.com", "www.sott.net",
    "www.schwartzreport.net", "www.tellerreport.com", "theindiansubcontinent.com", "timepost.us", "tudas.hu",
    "uawire.org", "www.urdupoint.com", "wallstreetobserver.com", "windowstorussia.com", "www.afternoonvoice.com",
    "www.breakinglatest.news", "www.devdiscourse.com", "www.newsghana.com.gh", "www.pensito.com", "www.upday.com",
    "www.portaldeangola.com", "eastcoastdaily.in", "unn.ua", "tadviser.com", "www.silkway.news", "webdo.tn",
    "www.radiodalsan.com", "www.kenyastar.com", "www.bs178.com",
}
MIRROR_PATTERNS = [r"\.workers\.dev$", r"\.blogspot\.com$", r"^\d+\.\d+\.\d+\.\d+$", r"\.pages\.dev$"]
# Hosts of state-controlled media (Russian, Chinese and others).
STATE_HOSTS = {
    "tass.com", "sputniknews.com", "sputnikglobe.com", "www.rt.com", "news.cgtn.com", "globaltimes.cn",
    "www.globaltimes.cn", "en.people.cn", "en.people.cn.", "covid-19.chinadaily.com.cn", "europe.chinadaily.com.cn",
    "www.chinadaily.com.cn", "turkish.cri.cn", "wiki.china.org.cn", "www.china.org.cn", "en.inform.kz",
    "www.vietnamplus.vn", "www.aa.com.tr", "uatv.ua", "www.xinhuanet.com", "english.news.cn",
}

# Tables still to bring up to the policy, with the number of rows that rest on a weak source
# with no strong corroboration. Lower a count as rows are corroborated; drop a table at zero.
PENDING: dict[str, int] = {
    "trade_usd": 13,
    "xi_putin_meetings": 5,
    "trade_shares": 3,
    "us_opinion": 6,
    "crude_imports_from_russia": 4,
    "pos1_deliveries": 1,
    "russia_gas_to_europe": 1,
    "moex_yuan_share": 4,
    "export_payment_currency": 7,
    "settlement_claims": 5,
    "central_asia_trade": 1,
    "territory_ceded": 2,
}


def _host(url: str) -> str:
    return urlparse(url).hostname or ""


def is_mirror(url: str) -> bool:
    host = _host(url)
    return host in MIRROR_HOSTS or any(re.search(p, host) for p in MIRROR_PATTERNS)


def expected_tier(url: str) -> str | None:
    """The tier a host forces, or None when the host does not decide it."""
    if is_mirror(url):
        return "mirror_or_aggregator"
    if _host(url) in STATE_HOSTS:
        return "state_media"
    return None


def _blank(value) -> bool:
    return pd.isna(value) or value == ""


def weak_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows whose figure rests on a weak source with no strong, independent corroboration
    (unconfirmed rows are flagged as such in the text and are left out)."""
    used = frame[frame["status"] != "unconfirmed"]
    return used[data.weak_source(used)]


@pytest.mark.parametrize("name", data.names())
def test_declared_tier_matches_the_host(name):
    frame = data.load(name)
    wrong = []
    for row in frame.itertuples():
        forced = expected_tier(row.source_url)
        if forced and row.source_tier != forced:
            wrong.append(f"{row.source_url} is {forced}, not {row.source_tier}")
        if not _blank(row.corroboration_url):
            forced = expected_tier(row.corroboration_url)
            if forced and row.corroboration_tier != forced:
                wrong.append(f"corroboration {row.corroboration_url} is {forced}, not {row.corroboration_tier}")
    assert not wrong, f"{name}: " + "; ".join(wrong[:5])


@pytest.mark.parametrize("name", data.names())
def test_a_copy_is_only_a_place_it_was_read(name):
    """source_url is never a mirror when read_at_url is given (then the original is known)."""
    frame = data.load(name)
    for row in frame.itertuples():
        if not _blank(row.read_at_url):
            assert not is_mirror(row.source_url), f"{name}: {row.source_url} is a copy; put the original first"
            assert _host(row.read_at_url) != _host(row.source_url), f"{name}: read_at_url repeats the source"


@pytest.mark.parametrize("name", data.names())
def test_corroboration_is_complete_and_independent(name):
    frame = data.load(name)
    cols = ["corroboration_publisher", "corroboration_url", "corroboration_tier"]
    for row in frame[cols + ["source_url"]].itertuples(index=False):
        filled = [not _blank(v) for v in row[:3]]
        assert all(filled) or not any(filled), f"{name}: corroboration needs publisher, url and tier together"
        if all(filled):
            assert _host(row.corroboration_url) != _host(row.source_url), f"{name}: a page cannot corroborate itself"


# The claims register copies each verdict's source from its evidence tables (tests/test_claims.py),
# so the policy is enforced on those tables, not on the register.
FIGURE_TABLES = [n for n in data.names() if n != "claims"]


@pytest.mark.parametrize("name", [n for n in FIGURE_TABLES if n not in PENDING])
def test_figures_rest_on_a_strong_or_corroborated_source(name):
    weak = weak_rows(data.load(name))
    shown = [f"{r.source_publisher} ({r.source_tier})" for r in weak.head(5).itertuples()]
    assert weak.empty, (f"{name}: {len(weak)} rows rest on state media or a mirror with no strong corroboration, "
                        f"e.g. {shown}: add a corroborating source, or replace the source")


@pytest.mark.parametrize("name", sorted(PENDING))
def test_pending_tables_are_counted_exactly(name):
    """The list of pending tables is a ratchet: the count must match, so progress is recorded."""
    assert len(weak_rows(data.load(name))) == PENDING[name], f"{name}: update its count in PENDING"


def test_the_policy_can_fail():
    frame = pd.DataFrame({"status": ["reported", "reported", "reported", "unconfirmed"],
                          "source_tier": ["state_media", "state_media", "official", "mirror_or_aggregator"],
                          "corroboration_tier": ["", "independent_media", "", ""]})
    assert list(weak_rows(frame).index) == [0]
    assert expected_tier("https://rttv.k-soultana.workers.dev/business/x") == "mirror_or_aggregator"
    assert expected_tier("https://tass.com/economy/1") == "state_media"
