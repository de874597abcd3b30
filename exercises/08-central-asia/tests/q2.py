from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 1

@test_case(points=0, hidden=False)
def test_share_lead_is_a_number_of_points(share_lead_pp):
    import numbers
    from sinorussia import data
    assert share_lead_pp is not ..., 'share_lead_pp is still ...: replace the ... with a pandas expression'
    assert not hasattr(share_lead_pp, 'index'), "share_lead_pp is a pandas Series, not one number: select each partner's share by its label"
    assert isinstance(share_lead_pp, numbers.Real) and (not isinstance(share_lead_pp, bool)), f'share_lead_pp should be a number, not a {type(share_lead_pp).__name__}'
    table = data.load('central_asia_partner_share')
    statistics = table[table['basis'].str.startswith('Central Asian')]
    china = statistics[statistics['partner'] == 'china'].set_index('year')['share_pct']
    russia_stat = statistics.query("partner == 'russia' and year == 2024")['share_pct'].item()
    claimed = table.loc[~table['basis'].str.startswith('Central Asian'), 'share_pct'].item()
    assert abs(share_lead_pp - (china[2024] - claimed)) > 0.01, "That uses the Russian official's claim, a different measurement: keep the Central Asian statistics only"
    assert abs(share_lead_pp - (china[2020] - russia_stat)) > 0.01, "That takes China's share of 2020: both shares should be of 2024"
    assert abs(share_lead_pp - china[2024] / russia_stat) > 0.01, 'That is a ratio: the lead in percentage points is a difference'
    assert share_lead_pp > 0, "Write China's share minus Russia's share (China's is the larger one in 2024)"
    assert share_lead_pp < 50, 'A difference of two shares of the same total: subtract them, do not add them or divide them'

