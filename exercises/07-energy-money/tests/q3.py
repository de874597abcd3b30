from otter.test_files import test_case

OK_FORMAT = False

name = "q3"
points = 2

@test_case(points=0, hidden=False)
def test_chart_is_a_line_chart_of_the_yuan_share(chart):
    from sinorussia import chartcheck, data
    payments = data.load('export_payment_currency').query("currency == 'yuan'")
    expected = payments[['period', 'share_pct']].set_axis(['x', 'y'], axis=1)
    chartcheck.expect_chart(chart, 'line', {'x': 'period', 'y': 'share_pct'}, expected, what="the yuan's share in every period, once", sort=('x',))

