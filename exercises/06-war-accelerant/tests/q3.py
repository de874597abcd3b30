from otter.test_files import test_case

OK_FORMAT = False

name = "q3"
points = 2

@test_case(points=0, hidden=False)
def test_chart_is_a_coloured_bar_chart_of_changes(chart):
    from sinorussia import chartcheck, data
    totals = data.load('trade_usd').query("flow == 'total'").set_index('year')['value_usd_bn']
    expected = totals.diff().loc[2017:].reset_index().set_axis(['x', 'y'], axis=1)
    chartcheck.expect_chart(chart, 'bar', {'x': 'year', 'y': 'change_bn', 'color': 'period'}, expected, what="each year's change on the previous year, from 2017 on", sort=('x',))
    periods = chartcheck.points(chart, ['x', 'color'])
    before = set(periods.loc[periods['x'] <= 2021, 'color'])
    after = set(periods.loc[periods['x'] >= 2022, 'color'])
    assert len(before) == 1 and len(after) == 1 and (before != after), 'period should split the years at the invasion: one label up to 2021, another from 2022'

