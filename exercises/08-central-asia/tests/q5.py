from otter.test_files import test_case

OK_FORMAT = False

name = "q5"
points = 3

@test_case(points=0, hidden=False)
def test_audit_answers_have_the_right_form(ratio_own, ratio_central_asia, verdict_q5):
    import numbers
    for name, value in [('ratio_own', ratio_own), ('ratio_central_asia', ratio_central_asia)]:
        assert value is not ..., f'{name} is still ...: replace the ... with a pandas expression'
        assert not hasattr(value, 'index'), f'{name} is a pandas Series, not one number: select one row and use .item()'
        assert isinstance(value, numbers.Real) and (not isinstance(value, bool)), f'{name} should be a number, not a {type(value).__name__}'
        assert 1 < value < 10, f"{name} should be China's figure divided by Russia's, a ratio above 1: check the order of the division and that you divide, not subtract"
    assert verdict_q5 in ['A', 'B', 'C', 'D'], f'verdict_q5 is {verdict_q5!r}: it should be one capital letter in quotes, e.g. "A"'

