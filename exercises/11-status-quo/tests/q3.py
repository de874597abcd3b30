from otter.test_files import test_case

OK_FORMAT = False

name = "q3"
points = 2

@test_case(points=0, hidden=False)
def test_chart_is_a_bar_chart_coloured_by_known(chart):
    from sinorussia import chartcheck, data
    totals = data.load('trade_usd').query("flow == 'total' and year >= 2019")
    expected = totals[['year', 'value_usd_bn']].set_axis(['x', 'y'], axis=1)
    chartcheck.expect_chart(chart, 'bar', {'x': 'year', 'y': 'value_usd_bn', 'color': 'known'}, expected, what='the total of every year from 2019 on, once', sort=('x',))
    known = chartcheck.points(chart, ['x', 'color'])
    wrong = known[known['color'].astype(str).str.lower() != (known['x'] <= 2024).astype(str).str.lower()]
    assert wrong.empty, "Some bars have the wrong value of known: which years' totals had been published by 4 March 2025?"

