from otter.test_files import test_case

OK_FORMAT = False

name = "q3"
points = 2

@test_case(points=0, hidden=False)
def test_chart_is_a_bar_chart_of_volumes(chart):
    from sinorussia import chartcheck, data
    crude = data.load('crude_imports_from_russia').query("measure == 'volume_mt'")
    expected = crude[['year', 'value']].set_axis(['x', 'y'], axis=1)
    chartcheck.expect_chart(chart, 'bar', {'x': 'year', 'y': ['value', 'volume_mt']}, expected, what='the volume in million tonnes of every year, once', sort=('x',))

