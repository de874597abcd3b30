from otter.test_files import test_case

OK_FORMAT = False

name = "q3"
points = 2

@test_case(points=0, hidden=False)
def test_chart_is_a_bar_chart_by_source(chart):
    from sinorussia import chartcheck, data
    ca = data.load('central_asia_trade').query("year == 2024 and coverage == 'five_states'")
    expected = ca[['basis', 'value_usd_bn', 'partner']].set_axis(['y', 'x', 'color'], axis=1)
    chartcheck.expect_chart(chart, 'bar', {'x': 'value_usd_bn', 'y': 'basis', 'color': 'partner'}, expected, what='every 2024 five-state figure, once', sort=())

