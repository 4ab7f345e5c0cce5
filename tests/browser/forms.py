"""Form filling the journeys share."""


def fill_small_cell_equipment(page) -> None:
    """The equipment page of one site: a 5G small cell, every required field."""
    page.get_by_label("Equipment type").select_option("small_cell")
    page.get_by_label("Technology").select_option("5g")
    page.get_by_label("Make and model").fill("Ericsson Radio 4408")
    page.get_by_label("Height (mm)").fill("450")
    page.get_by_label("Width (mm)").fill("300")
    page.get_by_label("Depth (mm)").fill("150")
    page.get_by_label("Weight (kg)").fill("12.5")
    page.get_by_label("Power draw (W)").fill("180")
    page.get_by_label("3.4 to 3.8 GHz (n78)").check()
    page.get_by_label("Mounting height (m)").fill("6.5")
    page.get_by_role("radio", name="No").check()
