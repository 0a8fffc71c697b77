package io.outcall.functions;

import io.outcall.core.aws.AwsClients;
import io.outcall.core.dynamo.DynamoRecordingStore;
import io.outcall.core.recording.RecordingFiles;
import io.outcall.core.recording.RecordingStore;
import io.outcall.core.s3.S3RecordingFiles;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;


/**
 * Recordings through the API: the read side's services, the audio bucket (AUDIO_BUCKET; S3_ENDPOINT
 * locally) and the calls' recording field with the tenant's audit log.
 */
public record RecordingWiring(ReadWiring read, RecordingFiles files, RecordingStore recordings) {

    public static RecordingWiring fromEnvironment() {
        AudioBucketAccess audio = AudioBucketAccess.fromEnvironment(System.getenv());
        AwsClients clients = audio.clients();
        return of(ReadWiring.of(audio.config(), clients.dynamoDb()), clients.s3(), clients.s3Presigner(), audio.bucket());
    }

    public static RecordingWiring of(ReadWiring read, S3Client s3, S3Presigner presigner, String bucket) {
        DynamoDbClient dynamoDb = read.dynamoDb();
        return new RecordingWiring(read, new S3RecordingFiles(s3, presigner, bucket),
                new DynamoRecordingStore(dynamoDb, read.config().callsTable(), read.config().tenantsTable()));
    }
}
