/**
 * The part of Atlassian's GraphQL API that the legacy storage API (`@forge/storage`, the `storage`
 * of `@forge/api` up to 7) sends to `/forge/entities/graphql`, as SDL: the operations of its
 * `out/gql-queries.js`, for untyped keys and for custom entities. Requests are parsed and
 * validated against it by the graphql reference implementation, never matched as strings; the
 * conditions inside a range or filter are checked by the store's own rules (entity-rules.ts).
 */
export const LEGACY_STORAGE_SDL = /* GraphQL */ `
  scalar JSON

  type AppStoredEntity {
    key: ID!
    value: JSON
  }
  type AppStoredEntityEdge {
    node: AppStoredEntity!
    cursor: String!
  }
  type AppStoredEntityConnection {
    edges: [AppStoredEntityEdge!]!
  }
  input AppStoredEntityFilter {
    field: String!
    condition: String!
    value: String!
  }

  type AppStoredCustomEntity {
    key: ID!
    value: JSON
    entityName: String!
  }
  type AppStoredCustomEntityEdge {
    node: AppStoredCustomEntity!
    cursor: String
  }
  type PageInfo {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
  }
  type AppStoredCustomEntityConnection {
    edges: [AppStoredCustomEntityEdge!]!
    pageInfo: PageInfo!
    totalCount: Int
    cursor: String
  }
  "A range or filter condition, as the package's WhereConditions and FilterConditions make them."
  input AppStoredCustomEntityRange {
    condition: String!
    values: [JSON!]!
  }
  input AppStoredCustomEntityFilter {
    property: String!
    condition: String!
    values: [JSON!]!
  }
  input AppStoredCustomEntityFilters {
    and: [AppStoredCustomEntityFilter!]
    or: [AppStoredCustomEntityFilter!]
  }
  "A value of a partition's attribute: a string, number or boolean."
  scalar AppStoredCustomEntityFieldValue
  enum SortOrder {
    ASC
    DESC
  }

  type Query {
    appStoredEntity(key: ID!, encrypted: Boolean!): AppStoredEntity!
    appStoredEntities(where: [AppStoredEntityFilter!], after: String, first: Int): AppStoredEntityConnection!
    appStoredCustomEntity(key: ID!, entityName: String!): AppStoredCustomEntity!
    appStoredCustomEntities(
      entityName: String!
      indexName: String!
      range: AppStoredCustomEntityRange
      filters: AppStoredCustomEntityFilters
      sort: SortOrder
      limit: Int
      cursor: String
      partition: [AppStoredCustomEntityFieldValue!]
    ): AppStoredCustomEntityConnection!
  }

  input SetAppStoredEntityMutationInput {
    key: ID!
    value: JSON!
    encrypted: Boolean
  }
  input DeleteAppStoredEntityMutationInput {
    key: ID!
    encrypted: Boolean
  }
  type MutationErrorExtension {
    errorType: String
    statusCode: Int
  }
  type MutationError {
    message: String
    extensions: MutationErrorExtension
  }
  type AppStoredEntityPayload {
    success: Boolean!
    errors: [MutationError!]
  }
  type AppStorageMutation {
    setAppStoredEntity(input: SetAppStoredEntityMutationInput!): AppStoredEntityPayload!
    deleteAppStoredEntity(input: DeleteAppStoredEntityMutationInput!): AppStoredEntityPayload!
  }
  input SetAppStoredCustomEntityMutationInput {
    entityName: String!
    key: ID!
    value: JSON!
  }
  input DeleteAppStoredCustomEntityMutationInput {
    entityName: String!
    key: ID!
  }
  type AppStorageCustomEntityMutation {
    setAppStoredCustomEntity(input: SetAppStoredCustomEntityMutationInput!): AppStoredEntityPayload!
    deleteAppStoredCustomEntity(input: DeleteAppStoredCustomEntityMutationInput!): AppStoredEntityPayload!
  }
  type Mutation {
    appStorage: AppStorageMutation!
    appStorageCustomEntity: AppStorageCustomEntityMutation!
  }
`;
