from otter.test_files import test_case

OK_FORMAT = False

name = "q3"
points = 2

@test_case(points=0, hidden=False)
def test_chart_is_a_line_of_chinas_imports(chart):
    from sinorussia import chartcheck, data
    trade = data.load('trade_usd')
    rows = trade[trade['flow'] == 'china_imports']
    expected = rows[['year', 'value_usd_bn']].set_axis(['x', 'y'], axis=1)
    chartcheck.expect_chart(chart, 'line', {'x': 'year', 'y': 'value_usd_bn'}, expected, what="China's imports of every year, once")

