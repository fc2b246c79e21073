//! Headline detection in two layouts the first classifier got wrong: clean
//! article text whose headline ends with a full stop, and a header whose photo
//! caption carries a lower-case credit and is followed by a printed date.

use whosaid::Role;

#[test]
fn clean_text_headline_with_full_stop_is_the_title() {
    let text = "Mayor: No new tolls on the river bridges this year.\n\n\
                The city will not raise tolls on its river bridges before January, Mayor Ines Kaar told the council on Monday, ending weeks of speculation about the budget.\n\n\
                \"The bridges are paid for,\" Kaar said.\n";
    let article = whosaid::parse(text).unwrap();
    assert_eq!(
        article.title(),
        Some("Mayor: No new tolls on the river bridges this year.")
    );
    assert_eq!(
        article.standfirst(),
        None,
        "the lede is body, not a standfirst"
    );
    let roles: Vec<Role> = article.elements().iter().map(|e| e.role).collect();
    assert_eq!(roles, [Role::Title, Role::Body, Role::Body]);
}

#[test]
fn full_stop_headline_below_kept_text_is_not_forced() {
    // A sentence that is not the document's first kept line keeps its role.
    let text = "The council met on Monday to discuss the budget for the coming year in detail.\n\n\
                Tolls stay.\n\n\
                The city will not raise tolls on its river bridges before January, Mayor Ines Kaar told the council on Monday, ending weeks of speculation.\n";
    let article = whosaid::parse(text).unwrap();
    assert_ne!(article.title(), Some("Tolls stay."));
}

#[test]
fn caption_with_lower_case_credit_is_not_the_title() {
    let text = "World news\n\n\
                Minister: the harbour stays open\n\n\
                The harbour will stay open to all shipping, the transport minister says\n\
                Transport Minister Aino Virta  Staff photographer/STT\n\
                May 4, 2021\n\n\
                HELSINKI, May 4. /STT/. The harbour will stay open to all shipping, Transport Minister Aino Virta said on Tuesday, dismissing reports of a closure.\n";
    let article = whosaid::parse(text).unwrap();
    assert_eq!(article.title(), Some("Minister: the harbour stays open"));
    assert_eq!(
        article.standfirst(),
        Some("The harbour will stay open to all shipping, the transport minister says")
    );
    let caption = article
        .with_role(Role::Caption)
        .next()
        .map(|e| article.slice(e.span));
    assert_eq!(
        caption,
        Some("Transport Minister Aino Virta  Staff photographer/STT")
    );
}
