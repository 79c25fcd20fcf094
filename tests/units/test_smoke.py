from units.selectors import units_visible_to


def test_office_officer_sees_whole_subtree_but_not_other_office(world):
    visible = set(units_visible_to(world.officer).values_list("code", flat=True))
    assert {"OFFA", "XA1", "XA2", "TH1", "SCH1", "SCH2", "TT1", "HKH1"} <= visible
    assert "OFFB" not in visible and "SCHB" not in visible


def test_principal_sees_only_their_school(world):
    assert list(units_visible_to(world.principal).values_list("code", flat=True)) == ["SCH1"]


def test_association_officer_sees_their_commune(world):
    visible = set(units_visible_to(world.association_officer).values_list("code", flat=True))
    assert visible == {"XA1", "TH1", "SCH1", "TT1", "HKH1"}


def test_home_page_greets_each_role(world, client):
    for role, user in world.role_users.items():
        client.force_login(user)
        response = client.get("/")
        assert response.status_code == 200, role
        assert user.get_short_name() in response.content.decode()
