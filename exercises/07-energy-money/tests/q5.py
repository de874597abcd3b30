from otter.test_files import test_case

OK_FORMAT = False

name = "q5"
points = 3

@test_case(points=0, hidden=False)
def test_audit_answers_have_the_right_form(share_europe_pct, share_eu_pct, answer_q5):
    import numbers
    for name, value in [('share_europe_pct', share_europe_pct), ('share_eu_pct', share_eu_pct)]:
        assert value is not ..., f'{name} is still ...: replace the ... with a pandas expression'
        assert not hasattr(value, 'index'), f'{name} is a pandas Series, not one number: use .item()'
        assert isinstance(value, numbers.Real) and (not isinstance(value, bool)), f'{name} should be a number, not a {type(value).__name__}'
        assert value > 1, f'{name} looks like a fraction: multiply by 100 to get percent'
        assert value <= 100, f"{name} is above 100%: a share of Europe's purchases puts the pipeline's capacity on top and the European figure below"
    assert share_europe_pct != share_eu_pct, 'The two shares are equal: divide by a different European figure for each basis'
    assert answer_q5 in ['A', 'B', 'C', 'D'], f'answer_q5 is {answer_q5!r}: it should be one capital letter in quotes, e.g. "A"'

