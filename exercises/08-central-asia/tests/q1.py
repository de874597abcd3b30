from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 2

@test_case(points=0, hidden=False)
def test_mirror_gap_is_two_numbers(mirror_gap_bn, mirror_gap_pct):
    import numbers
    for name, value in [('mirror_gap_bn', mirror_gap_bn), ('mirror_gap_pct', mirror_gap_pct)]:
        assert value is not ..., f'{name} is still ...: replace the ... with a pandas expression'
        assert not hasattr(value, 'index'), f'{name} is a pandas Series, not one number: select one row and use .item()'
        assert isinstance(value, numbers.Real) and (not isinstance(value, bool)), f'{name} should be a number, not a {type(value).__name__}: compute it, do not type it in quotes'

@test_case(points=0, hidden=False)
def test_mirror_gap_has_a_plausible_sign_and_unit(mirror_gap_bn, mirror_gap_pct):
    import numbers
    from sinorussia import data
    assert all((isinstance(v, numbers.Real) for v in (mirror_gap_bn, mirror_gap_pct))), 'Make mirror_gap_bn and mirror_gap_pct numbers first (see the test above)'
    assert mirror_gap_bn > 0, "China's customs count more than Central Asia does: subtract the Central Asian figure from China's, not the other way round"
    assert mirror_gap_pct > 1, 'mirror_gap_pct looks like a fraction: multiply by 100 to get percent'
    rows = data.load('central_asia_trade').query("partner == 'china' and coverage == 'five_states'")
    customs = rows[rows['basis'].str.startswith('China customs')].set_index('year')['value_usd_bn']
    regional = rows.loc[rows['basis'].str.startswith('Central Asian'), 'value_usd_bn'].item()
    assert abs(mirror_gap_bn - (customs[2023] - regional)) > 0.01, "That takes China's 2023 figure: both records should be of 2024"
    assert abs(mirror_gap_pct - 100 * mirror_gap_bn / customs[2024]) > 0.01, "You divided by China's figure: the question asks in percent of the Central Asian figure"

