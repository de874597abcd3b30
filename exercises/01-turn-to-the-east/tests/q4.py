from otter.test_files import test_case

OK_FORMAT = False

name = "q4"
points = 1

@test_case(points=0, hidden=False)
def test_answer_q4_is_one_letter(answer_q4):
    assert answer_q4 in ['A', 'B', 'C', 'D'], f'answer_q4 is {answer_q4!r}: it should be one capital letter in quotes, e.g. "A"'
    why_not = {'A': 'A share is a part of a total: it can double while the dollar value does not, if the total shrinks', 'B': "The OEC rows are estimated from partners' statistics (the basis column), not from Russia's customs", 'C': 'More than all other partners together would be a share above 50%: compare share_2023 with 50'}
    assert answer_q4 not in why_not, why_not.get(answer_q4, '')

