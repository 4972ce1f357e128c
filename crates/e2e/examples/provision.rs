//! The README's usage example, compiled against the fixture client (`tango_api` has no operations until the
//! full collection is in `collection/`).

use tango_fixture_client as tango_api;

use tango_api::subscribers::{self, CreateSubscriberRequest, Subscriber};
use tango_api::{Client, Credentials};

async fn provision() -> Result<(), Box<dyn std::error::Error>> {
    // A preset from the collection's environments, or any base URL with `Environment::new`.
    let environment = tango_api::environments::API_SANDBOX.environment()?;
    // Tokens come from your secrets store; they are redacted in Debug output and never logged.
    let credentials = Credentials::new()
        .with_reseller(std::env::var("TANGO_RESELLER_TOKEN")?)
        .with_distributor(std::env::var("TANGO_DISTRIBUTOR_TOKEN")?);
    let client = Client::new(environment, credentials)?;

    // Required fields go in `new`, optional ones through `with_*` setters.
    let subscriber = Subscriber::new(2001, "Jane", "Doe", "USA").with_email("jane.doe@example.com");
    match subscribers::create_subscriber(&client, &CreateSubscriberRequest::new(subscriber)).await {
        Ok(created) => println!("subscriber {} ({})", created.subscriber_id, created.status()),
        // Failures are typed: status, the server's message, and the error body where examples show one.
        Err(error) => eprintln!("{error}"),
    }
    Ok(())
}

#[tokio::main]
async fn main() {
    if let Err(error) = provision().await {
        eprintln!("{error}");
        std::process::exit(1);
    }
}
