"""Drives localvpc's DynamoDB with boto3 (client and resource APIs) as a Python program would.

Usage: python3 boto3_check.py http://127.0.0.1:PORT
Prints OK and exits 0 when every check holds; otherwise an assertion names the first that did not.
"""
import decimal
import sys

import boto3
from boto3.dynamodb.conditions import Attr, Key
from botocore.exceptions import ClientError


def error_code(call):
    try:
        call()
    except ClientError as e:
        return e.response["Error"]["Code"], e.response["Error"]["Message"]
    raise AssertionError("expected an error")


def main(endpoint):
    session = boto3.session.Session(aws_access_key_id="AKIDBOTO3", aws_secret_access_key="secret", region_name="us-east-1")
    client = session.client("dynamodb", endpoint_url=endpoint)
    resource = session.resource("dynamodb", endpoint_url=endpoint)

    client.create_table(
        TableName="Music",
        AttributeDefinitions=[{"AttributeName": "artist", "AttributeType": "S"},
                              {"AttributeName": "song", "AttributeType": "S"},
                              {"AttributeName": "year", "AttributeType": "N"}],
        KeySchema=[{"AttributeName": "artist", "KeyType": "HASH"}, {"AttributeName": "song", "KeyType": "RANGE"}],
        GlobalSecondaryIndexes=[{"IndexName": "byYear", "KeySchema": [{"AttributeName": "year", "KeyType": "HASH"}],
                                 "Projection": {"ProjectionType": "ALL"}}],
        BillingMode="PAY_PER_REQUEST")
    client.get_waiter("table_exists").wait(TableName="Music", WaiterConfig={"Delay": 1, "MaxAttempts": 5})
    table = resource.Table("Music")
    assert table.table_status == "ACTIVE", table.table_status

    with table.batch_writer() as batch:
        for i in range(60):
            batch.put_item(Item={"artist": "a%d" % (i % 3), "song": "s%02d" % i, "year": 1990 + i % 5,
                                 "plays": decimal.Decimal(i), "genres": {"rock", "pop"}})

    got = table.get_item(Key={"artist": "a1", "song": "s01"}, ConsistentRead=True)["Item"]
    assert got["plays"] == decimal.Decimal(1), got
    assert got["genres"] == {"rock", "pop"}, got

    paginator = client.get_paginator("query")
    pages = list(paginator.paginate(TableName="Music", KeyConditionExpression="artist = :a",
                                    ExpressionAttributeValues={":a": {"S": "a0"}}, PaginationConfig={"PageSize": 7}))
    songs = [item["song"]["S"] for page in pages for item in page["Items"]]
    assert len(songs) == 20 and songs == sorted(songs), songs

    result = table.query(KeyConditionExpression=Key("artist").eq("a2") & Key("song").begins_with("s1"),
                         FilterExpression=Attr("plays").gt(12), ScanIndexForward=False)
    assert [i["song"] for i in result["Items"]] == ["s17", "s14"], result["Items"]

    by_year = table.query(IndexName="byYear", KeyConditionExpression=Key("year").eq(1993))
    assert by_year["Count"] == 12, by_year["Count"]

    scanned = table.scan(FilterExpression=Attr("genres").contains("rock") & Attr("plays").between(10, 19))
    assert scanned["Count"] == 10, scanned["Count"]

    updated = table.update_item(Key={"artist": "a0", "song": "s00"},
                                UpdateExpression="SET plays = plays + :one, #t = list_append(if_not_exists(#t, :empty), :tag) REMOVE genres",
                                ExpressionAttributeNames={"#t": "tags"},
                                ExpressionAttributeValues={":one": 1, ":empty": [], ":tag": ["live"]},
                                ReturnValues="ALL_NEW")["Attributes"]
    assert updated["plays"] == 1 and updated["tags"] == ["live"] and "genres" not in updated, updated

    code, message = error_code(lambda: table.put_item(Item={"artist": "a0", "song": "s00"},
                                                      ConditionExpression=Attr("artist").not_exists()))
    assert code == "ConditionalCheckFailedException" and message == "The conditional request failed", (code, message)

    code, message = error_code(lambda: table.update_item(Key={"artist": "a0", "song": "s00"}, UpdateExpression="SET year = :y",
                                                         ExpressionAttributeValues={":y": 1}))
    assert code == "ValidationException" and message == \
        "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: year", (code, message)

    code, message = error_code(lambda: client.transact_write_items(TransactItems=[
        {"Put": {"TableName": "Music", "Item": {"artist": {"S": "new"}, "song": {"S": "x"}}}},
        {"ConditionCheck": {"TableName": "Music", "Key": {"artist": {"S": "a0"}, "song": {"S": "s00"}},
                            "ConditionExpression": "plays > :p", "ExpressionAttributeValues": {":p": {"N": "100"}}}}]))
    assert code == "TransactionCanceledException", code
    assert "[None, ConditionalCheckFailed]" in message, message
    assert "Item" not in table.get_item(Key={"artist": "new", "song": "x"})

    code, _ = error_code(lambda: client.describe_table(TableName="Nope"))
    assert code == "ResourceNotFoundException", code

    client.delete_table(TableName="Music")
    assert "Music" not in client.list_tables()["TableNames"]
    print("OK")


if __name__ == "__main__":
    main(sys.argv[1])
