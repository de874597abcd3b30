from otter.test_files import test_case

OK_FORMAT = False

name = "q5"
points = 3

@test_case(points=0, hidden=False)
def test_audit_answers_have_the_right_form(ratio_own, ratio_central_asia, verdict_q5):
    import numbers
    from sinorussia import data
    for name, value in [('ratio_own', ratio_own), ('ratio_central_asia', ratio_central_asia)]:
        assert value is not ..., f'{name} is still ...: replace the ... with a pandas expression'
        assert not hasattr(value, 'index'), f'{name} is a pandas Series, not one number: select one row and use .item()'
        assert isinstance(value, numbers.Real) and (not isinstance(value, bool)), f'{name} should be a number, not a {type(value).__name__}'
        assert 1 < value < 10, f"{name} should be China's figure divided by Russia's, a ratio above 1: check the order of the division and that you divide, not subtract"
    table = data.load('central_asia_trade').query("coverage == 'five_states'")
    customs = table[table['basis'].str.startswith('China customs')].set_index('year')['value_usd_bn']
    official = table[table['basis'] == 'Russian officials'].set_index('year')['value_usd_bn']
    russia_stat = table.query("partner == 'russia' and year == 2024")
    russia_stat = russia_stat.loc[russia_stat['basis'].str.startswith('Central Asian'), 'value_usd_bn'].item()
    assert abs(ratio_central_asia - customs[2024] / russia_stat) > 0.01, "ratio_central_asia mixes China's customs with Central Asian statistics: count both partners the same way"
    assert abs(ratio_own - customs[2023] / official[2023]) > 0.01, 'That is the ratio for 2023: use the 2024 rows'
    assert verdict_q5 in ['A', 'B', 'C', 'D'], f'verdict_q5 is {verdict_q5!r}: it should be one capital letter in quotes, e.g. "A"'
    why_not = {'A': "Compare Russia's 2017 and 2024 figures from Central Asian statistics: did its trade shrink?", 'B': 'Your ratio_central_asia is above 1: who trades more, counted the same way?', 'D': "Counting both partners on one side's statistics is exactly how to compare them"}
    assert verdict_q5 not in why_not, why_not.get(verdict_q5, '')

