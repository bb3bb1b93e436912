// Loading a generated portfolio into the mock org (sim/org/service/org.h) as the system of record a
// run starts from: one Collection_Account__c per account, keyed by External_Id__c. Used by the
// simulated operation before day 1 and by `recoup org serve --scenario`.
#ifndef RECOUP_SIM_WORLD_ORG_LOADING_H_
#define RECOUP_SIM_WORLD_ORG_LOADING_H_

#include "core/base/status.h"
#include "sim/org/ids.h"
#include "sim/org/service/org.h"
#include "sim/world/portfolio.h"

namespace recoup::sim::world {

// Creates one Collection_Account__c per account of `portfolio`, in account order, in one session
// of `org`'s store directly (no API request is counted), created at portfolio.start by `user` (one
// of the org's users). Fields (the optional ones only when the org's schema has them):
//   External_Id__c        account.external_id (required: an external-Id text field)
//   Name                  account.external_id (unless the object numbers its records)
//   Balance__c            the total balance, major units (required)
//   Original_Balance__c   account.original_balance
//   Days_Past_Due__c      account.days_past_due
//   Due_Date__c           the day it went past due: start's UTC day minus days past due
//   Status__c             "Disputed" with an open dispute, else "Active"
//   Segment__c            Early / Mid / Late / Recovery by stage (none when current)
//   Jurisdiction__c       "<country>-<region>" ("US-NY"), or the country without a region
//   Time_Zone__c          the address's time zone, when known
//   Do_Not_Contact__c     deceased, bankrupt, attorney represented or a written cease in effect
// Errors: InvalidArgument "org schema: ..." when Collection_Account__c or a required field is
// missing; otherwise the org's refusal of a record, naming it: "account ACC-0000007 (id 7):
// Collection_Account__c: DUPLICATE_VALUE: duplicate value found: ...". The load is not a
// transaction (an undo log for 10 M rows would double the memory): on error the accounts before
// the failing one stay in the org, so load into a fresh org and drop it on error.
Status LoadPortfolioIntoOrg(const Portfolio& portfolio, org::Org& org,
                            const org::SfId& user = org::OrgUserId(0));

}  // namespace recoup::sim::world

#endif  // RECOUP_SIM_WORLD_ORG_LOADING_H_
