from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 2

@test_case(points=0, hidden=False)
def test_gains_are_numbers(gain_before_bn, gain_after_bn):
    import numbers
    from sinorussia import data
    for name, value in [('gain_before_bn', gain_before_bn), ('gain_after_bn', gain_after_bn)]:
        assert value is not ..., f'{name} is still ...: replace the ... with a pandas expression'
        assert not hasattr(value, 'index'), f'{name} is a pandas Series, not one number: pick single values, e.g. totals[2021]'
        assert isinstance(value, numbers.Real) and (not isinstance(value, bool)), f'{name} should be a number, not a {type(value).__name__}'
        assert value > 0, f'{name} is not positive: subtract the earlier total from the later one'
        assert value < 150, f'{name} is too large for a gain over two years (total trade never reached $250 bn): subtract two totals, do not add them'
    by_year = data.load('trade_usd').query("flow == 'total'").set_index('year')['value_usd_bn']
    assert abs(gain_before_bn - 100 * (by_year[2021] / by_year[2019] - 1)) > 0.01, 'gain_before_bn is a growth in percent: the question asks for the gain in billions of dollars'
    assert abs(gain_after_bn - 100 * (by_year[2023] / by_year[2021] - 1)) > 0.01, 'gain_after_bn is a growth in percent: the question asks for the gain in billions of dollars'
    assert abs(gain_after_bn - (by_year[2022] - by_year[2021])) > 0.01, 'gain_after_bn covers one year only: the period runs two years, from 2021 to 2023'

