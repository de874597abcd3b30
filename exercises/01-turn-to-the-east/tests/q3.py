from otter.test_files import test_case

OK_FORMAT = False

name = "q3"
points = 2

@test_case(points=0, hidden=False)
def test_chart_is_a_bar_chart_coloured_by_phase(chart):
    from sinorussia import chartcheck, data
    totals = data.load('trade_usd').query("flow == 'total'")
    expected = totals[['year', 'value_usd_bn']].set_axis(['x', 'y'], axis=1)
    chartcheck.expect_chart(chart, 'bar', {'x': 'year', 'y': 'value_usd_bn', 'color': 'phase'}, expected, what='the total of every year, once', sort=('x',))
    phases = chartcheck.points(chart, ['x', 'color']).groupby('color')['x'].apply(lambda years: sorted((int(y) for y in years)))
    years = sorted(expected['x'])
    wanted = [[y for y in years if y <= 2013], [y for y in years if 2014 <= y <= 2021], [y for y in years if y >= 2022]]
    assert sorted(phases.tolist()) == sorted(wanted), 'The phase column should put every year up to 2013 in one phase, 2014 to 2021 in a second and 2022 onwards in a third'

