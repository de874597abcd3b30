from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 1

@test_case(points=0, hidden=False)
def test_gap_is_a_number(turkey_gap_2023_bcm):
    import numbers
    from sinorussia import data
    assert turkey_gap_2023_bcm is not ..., 'turkey_gap_2023_bcm is still ...: subtract one 2023 figure from the other'
    assert not hasattr(turkey_gap_2023_bcm, 'index'), 'turkey_gap_2023_bcm is a pandas Series, not one number: select each figure with .item()'
    assert isinstance(turkey_gap_2023_bcm, numbers.Real) and (not isinstance(turkey_gap_2023_bcm, bool)), f'turkey_gap_2023_bcm should be a number, not a {type(turkey_gap_2023_bcm).__name__}'
    assert turkey_gap_2023_bcm > 0, 'The gap is not positive: the figure that counts Turkey comes first, the one without Turkey is subtracted'
    assert turkey_gap_2023_bcm > 1, 'The gap is below 1 bcm: you may have compared two figures that both leave Turkey out (read the basis of each 2023 row)'
    rows = data.load('russia_gas_to_europe').query('year == 2023')
    tass = rows.loc[rows['basis'].str.startswith('pipeline gas to Europe (TASS'), 'volume_bcm'].item()
    iea = rows.loc[rows['basis'].str.endswith('incl. Turkey (IEA)'), 'volume_bcm'].item()
    assert abs(turkey_gap_2023_bcm - (iea - tass)) > 0.01, 'That subtracts the TASS figure: the question compares the IEA figure with the Gazprom and Reuters one'

