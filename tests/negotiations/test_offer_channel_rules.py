"""Rules for offers and talks channels, on sentences written for these tests."""

import datetime as dt

from negotiations.choices import ChannelStatus, OfferStatus
from negotiations.ingestion.extract import extract

PUBLISHED = dt.date(2022, 6, 10)


def _names(result, keys):
    return {result.actors[k].name for k in keys if k in result.actors}


def _has_sides(result, keys, *sides):
    names = _names(result, keys)
    return all(any(side in name for name in names) for side in sides)


def _maker(result, offer):
    return result.actors[offer.offered_by].name if offer.offered_by else None


def test_a_conditional_promise_to_lift_sanctions_is_a_proposed_offer_with_its_condition():
    result = extract(
        "The United States said on Tuesday that its sanctions will be lifted only if "
        "the Government of Nicaragua releases all political prisoners.",
        PUBLISHED,
    )
    [offer] = result.offers
    assert offer.kind == "sanctions_relief"
    assert offer.status == OfferStatus.PROPOSED
    assert "releases all political prisoners" in offer.conditions


def test_sanctions_that_need_not_be_permanent_are_offered_by_their_owner():
    result = extract(
        "Canada imposed new measures on Friday. Canadian sanctions need not be permanent; "
        "they are meant to change behaviour.",
        PUBLISHED,
    )
    [offer] = result.offers
    assert offer.kind == "sanctions_relief"
    assert _maker(result, offer) == "Canada"


def test_an_issued_general_license_is_an_accepted_offer():
    result = extract(
        "The Treasury Department issued a general license on Monday authorizing "
        "transactions with the state oil company of Nicaragua.",
        PUBLISHED,
    )
    [offer] = result.offers
    assert offer.kind == "sanctions_relief"
    assert offer.status == OfferStatus.ACCEPTED


def test_a_granted_licence_and_a_conditional_renewal_are_two_offers():
    result = extract(
        "The Treasury Department issued a general license on Monday authorizing oil "
        "transactions with Nicaragua. The license will be renewed only if Nicaragua "
        "holds free elections.",
        PUBLISHED,
    )
    statuses = sorted(o.status for o in result.offers)
    assert statuses == [OfferStatus.ACCEPTED, OfferStatus.PROPOSED]
    renewal = next(o for o in result.offers if o.status == OfferStatus.PROPOSED)
    assert "Nicaragua" in _names(result, renewal.recipients)


def test_a_first_person_release_offers_in_the_voice_of_those_who_released_it():
    result = extract(
        "Joint Statement on Nicaragua\n\n"
        "The following statement was released by the Government of Canada and the "
        "Government of Chile.\n\n"
        "We reiterate our willingness to review sanctions policies if the government "
        "makes meaningful progress in the talks.",
        PUBLISHED,
    )
    [offer] = result.offers
    assert any(country in _maker(result, offer) for country in ("Canada", "Chile"))
    assert offer.conditions.startswith("the government makes meaningful progress")


def test_exploring_easier_sanctions_is_under_discussion():
    result = extract(
        "A delegation of Canadian officials travelled to Managua on Saturday to explore "
        "the possibility of easing Canadian sanctions against Nicaragua.",
        PUBLISHED,
    )
    [offer] = result.offers
    assert offer.status == OfferStatus.UNDER_DISCUSSION


def test_a_statement_about_licenses_is_no_offer():
    result = extract(
        "The minister issued the following statement on the general licenses: it is a "
        "good day for trade.",
        PUBLISHED,
    )
    assert result.offers == []


def test_sides_scheduled_to_meet_form_a_channel_at_their_venue():
    result = extract(
        "The Government of Nicaragua and the Civic Alliance are scheduled to meet on "
        "June 20 in Costa Rica to discuss an electoral calendar.",
        PUBLISHED,
    )
    [channel] = result.channels
    assert _has_sides(result, channel.participants, "Nicaragua", "Civic Alliance")
    assert "Costa Rica" in channel.venue


def test_an_agreement_between_two_sides_names_a_channel():
    result = extract(
        "Canada welcomed the signing of an agreement between the Civic Alliance and the "
        "Government of Nicaragua.",
        PUBLISHED,
    )
    [channel] = result.channels
    assert _has_sides(result, channel.participants, "Nicaragua", "Civic Alliance")


def test_talks_with_someone_have_both_sides():
    result = extract(
        "The Government of Canada held talks with the Government of Nicaragua in Managua "
        "on Saturday.",
        PUBLISHED,
    )
    [channel] = result.channels
    assert _has_sides(result, channel.participants, "Canada", "Nicaragua")
    assert channel.venue == "Managua"


def test_rounds_in_several_cities_and_their_facilitator_are_one_channel():
    result = extract(
        "The Government of Nicaragua and the Civic Alliance began negotiations in "
        "Mexico City. The process is facilitated by the Government of Norway. The second round of "
        "negotiations in Bridgetown ended without agreement.",
        PUBLISHED,
    )
    [channel] = result.channels
    assert _has_sides(result, channel.mediators, "Norway")
    assert "Mexico City" in channel.venue and "Bridgetown" in channel.venue


def test_suspended_talks_are_dormant():
    result = extract(
        "The talks between the Government of Nicaragua and the Civic Alliance were "
        "suspended on Thursday.",
        PUBLISHED,
    )
    [channel] = result.channels
    assert channel.status == ChannelStatus.DORMANT


def test_talks_with_no_side_named_are_no_channel():
    result = extract("Negotiations will soon begin in Mexico City.", PUBLISHED)
    assert result.channels == []


def test_meeting_commitments_is_no_meeting():
    result = extract(
        "The license will be renewed only if Nicaragua meets its commitments.", PUBLISHED
    )
    assert result.channels == []
