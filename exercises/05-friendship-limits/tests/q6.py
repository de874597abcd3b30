from otter.test_files import test_case

OK_FORMAT = False

name = "q6"
points = 2

@test_case(points=0, hidden=False)
def test_ratios_have_the_right_form(ratio_as_stated, ratio_low, ratio_high):
    import numbers
    from sinorussia import data
    for name, value in [('ratio_as_stated', ratio_as_stated), ('ratio_low', ratio_low), ('ratio_high', ratio_high)]:
        assert value is not ..., f'{name} is still ...: divide one share by another'
        assert not hasattr(value, 'iloc'), f'{name} is a pandas Series, not one number: pick each share by its measure'
        assert isinstance(value, numbers.Real) and (not isinstance(value, bool)), f'{name} should be a number, not a {type(value).__name__}'
        assert value > 1, f"{name} is below 1: divide China's share of Russia's trade by Russia's share of China's trade"
    assert ratio_low < ratio_as_stated < ratio_high, 'The stated ratio should lie between ratio_low and ratio_high: a larger denominator gives a smaller ratio'
    shares = data.load('trade_shares').query('year == 2021').set_index(['measure', 'basis'])['share_pct']
    china_part = shares['china_share_of_russia_trade', 'CRS']
    precise = shares['russia_share_of_china_trade', 'derived_gac']
    rounded = shares['russia_share_of_china_trade', 'CRS']
    assert abs(ratio_as_stated - china_part / precise) > 0.01, 'That uses the precise derived_gac share: ratio_as_stated uses the CRS shares, as stated'
    assert abs(ratio_low - china_part / (rounded + 1)) > 0.01, 'You moved the share by a whole point: a share rounded to the whole percent is at most half a point off'

